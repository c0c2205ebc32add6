"""Exactly once, with real worker and clock processes on PostgreSQL.

What the outbox guarantees (outreach/mail/delivery.py): every subscriber gets each alert
and each digest; a worker killed while handing a message to the mail server may leave that
one message to be handed over again when its task is rescued, with the same Message-ID,
so the receiving side can tell. Nothing else is ever sent twice: `SentItem` (unique per
subscriber and item) and the outbox key (unique per subscriber and item, or digest period)
refuse a second row, whichever process tries.
"""

import signal
import time
from collections import Counter
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import workflow
from articles.models import Status
from outreach.background import heartbeat
from outreach.models import (
    ClockTick,
    OutboxMessage,
    OutboxStatus,
    SentItem,
    Subscriber,
    Subscription,
)
from tests import factories as f
from tests.outreach.processes import needs_shared_database, run_python, start, stop, wait_for
from tests.outreach.test_worker_processes import SlowFor

from .conftest import text_of

pytestmark = [
    needs_shared_database,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIB = ZoneInfo("Asia/Jakarta")
READERS = 36
SLOW = "lambat@example.test"
CHUNKS = {"NEWSROOM_SUBSCRIBER_BATCH": 8}  # several fan-out tasks for 36 readers


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NEWSROOM_WORKER_LOST_AFTER = 3


def readers(frequency):
    """READERS confirmed subscribers following all news; the slow one in the middle."""
    since = timezone.now() - timedelta(days=30)
    rows = []
    for n in range(READERS):
        email = SLOW if n == READERS // 2 else f"guru{n}@example.test"
        row = Subscriber.objects.create(
            email=email, language="id" if n % 3 else "en", frequency=frequency,
            confirmed_at=since, consent_at=since, consent_text="setuju",
        )  # fmt: skip
        Subscription.objects.create(subscriber=row, kind="all")
        rows.append(row)
    return rows


class Workers:
    """Two named worker processes; the one handing over a given message can be killed."""

    def __init__(self, smtp_port):
        self.port = smtp_port
        self.processes = {name: self.start(name) for name in ("w1", "w2")}

    def start(self, name):
        return start("worker", "--interval", "0.1", "--worker-id", name, smtp_port=self.port,
                     **CHUNKS)  # fmt: skip

    def kill_the_one_sending(self, recipient, kind):
        """SIGKILL the worker handing `recipient`'s `kind` mail over; rescue; replace it."""
        sending = OutboxMessage.objects.filter(
            recipient=recipient, kind=kind, status=OutboxStatus.SENDING
        )
        assert wait_for(sending.exists, timeout=120), "the slow message was never taken"
        task = DBTaskResult.objects.get(id=sending.get().claimed_by)
        holder = task.worker_ids[-1]
        self.processes[holder].send_signal(signal.SIGKILL)
        self.processes[holder].wait(timeout=10)
        stop(self.processes[holder])
        time.sleep(3.5)  # its heartbeat goes stale
        assert heartbeat.rescue() >= 1  # what the clock's rescuer job does
        self.processes[holder] = self.start(holder + "b")
        self.processes[holder + "b"] = self.processes.pop(holder)

    def stop(self):
        return [stop(process) for process in self.processes.values()]


def all_handed_over(count):
    def done():
        sent = OutboxMessage.objects.filter(status=OutboxStatus.SENT).count()
        busy = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
        return sent >= count and not busy

    return done


def assert_each_once(smtp, kind, rows, outputs):
    """Each reader got one `kind` mail; only the slow one's may have arrived twice."""
    mine = [m for m in smtp.messages if m["To"] in {r.email for r in rows}]
    per_reader = Counter(m["To"] for m in mine)
    assert set(per_reader) == {r.email for r in rows}, outputs
    assert all(n == 1 for to, n in per_reader.items() if to != SLOW), per_reader
    assert per_reader[SLOW] in (1, 2)
    slow_ids = {m["Message-ID"] for m in mine if m["To"] == SLOW}
    assert len(slow_ids) == 1  # twice, it is the same message
    assert OutboxMessage.objects.filter(kind=kind).count() == len(rows)


def test_a_worker_killed_mid_alert_send_leaves_each_subscriber_one_alert(queued_tasks, team):
    rows = readers("immediate")
    item = f.article(status=Status.APPROVED, owner=team["unit"], created_by=team["writer"])
    item.approved_version = item.version
    item.save()
    with SlowFor("lambat", seconds=4) as smtp:
        workers = Workers(smtp.port)
        try:
            workflow.publish(item, team["publisher"])  # the event's tasks go to the queue
            workers.kill_the_one_sending(SLOW, "subscriber_alert")
            assert wait_for(all_handed_over(READERS), timeout=180)
            time.sleep(4.5)  # the killed connection's slow handler may still complete
        finally:
            outputs = workers.stop()
        assert_each_once(smtp, "subscriber_alert", rows, outputs)
    assert SentItem.objects.filter(item_id=item.pk).count() == READERS


def test_two_clocks_across_the_digest_slot_send_each_subscriber_one_digest(queued_tasks):
    rows = readers("daily")
    first = f.article(title="Satu", slug="satu")
    second = f.article(title="Dua", slug="dua")
    # Both clocks live 3 s before the next 07.00 WIB: they cross the digest slot together.
    now = timezone.now()
    seven = now.astimezone(WIB).replace(hour=7, minute=0, second=0, microsecond=0)
    if seven <= now:
        seven += timedelta(days=1)
    ahead = (seven - now).total_seconds() - 3
    with SlowFor("lambat", seconds=4) as smtp:
        workers = Workers(smtp.port)
        clocks = [
            run_python("-m", "tests.outreach.shifted_clock", str(ahead), **CHUNKS) for _ in range(2)
        ]
        try:
            workers.kill_the_one_sending(SLOW, "subscriber_digest")
            assert wait_for(all_handed_over(READERS), timeout=180)
            time.sleep(4.5)
        finally:
            outputs = workers.stop() + [stop(clock) for clock in clocks]
        assert_each_once(smtp, "subscriber_digest", rows, outputs)
        for message in smtp.messages:
            body = text_of(message)
            assert body.count("Satu") == 1 and body.count("Dua") == 1
    assert ClockTick.objects.filter(job="daily-digest").count() == 1
    assert SentItem.objects.filter(item_id__in=[first.pk, second.pk]).count() == 2 * READERS
