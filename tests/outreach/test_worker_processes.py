"""The queue with real worker and clock processes on PostgreSQL: killed workers lose nothing,
two clocks fire once, a database that drops its connections is waited out."""

import asyncio
import signal
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles import workflow
from articles.models import DomainEvent, Status
from articles.workflow import events
from outreach.background import heartbeat
from outreach.mail import outbox
from outreach.models import ClockTick, OutboxMessage, OutboxStatus
from tests import factories as f
from tests.outreach.processes import needs_shared_database, start, stop, wait_for
from tests.outreach.smtp import SMTPServer

pytestmark = [
    needs_shared_database,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONTEXT = {
    "subject": "Uji", "name": "Guru", "actor": "Budi", "action_label": "Terbitkan",
    "title": "Kelas daring", "status": "Terbit", "url": "https://example.test/",
}  # fmt: skip


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queue_many(count, slow_at=None):
    for n in range(count):
        who = "lambat" if n == slow_at else f"guru{n}"
        outbox.queue(
            kind="test", key=f"m{n}", to=f"{who}@example.test", template="staff_step",
            context=CONTEXT,
        )  # fmt: skip


class SlowFor(SMTPServer):
    """Takes its time over one recipient's message, as a loaded server would."""

    def __init__(self, part, seconds):
        super().__init__()
        recorder, accept = self.recorder, self.recorder.handle_DATA

        async def slow_data(server, session, envelope):
            if any(part in address for address in envelope.rcpt_tos):
                await asyncio.sleep(seconds)
            return await accept(server, session, envelope)

        recorder.handle_DATA = slow_data


def test_a_worker_delivers_the_queue_through_a_real_smtp_server(queued_tasks):
    with SMTPServer() as smtp:
        queue_many(25)
        worker = start("worker", "--batch", "--interval", "0", smtp_port=smtp.port)
        try:
            worker.wait(timeout=120)
        finally:
            output = stop(worker)
        assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 25, output
        assert len(smtp.ids) == 25 and set(smtp.ids.values()) == {1}


def test_a_worker_killed_mid_send_loses_nothing_and_repeats_at_most_that_message(
    queued_tasks, settings
):
    settings.NEWSROOM_WORKER_LOST_AFTER = 3
    with SlowFor("lambat", seconds=4) as smtp:
        queue_many(12, slow_at=5)
        worker = start("worker", "--interval", "0", smtp_port=smtp.port)
        slow = OutboxMessage.objects.get(recipient="lambat@example.test")
        try:
            assert wait_for(
                lambda: OutboxMessage.objects.filter(
                    pk=slow.pk, status=OutboxStatus.SENDING
                ).exists()
            ), "the slow message was never taken"
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
        finally:
            stop(worker)
        # The dead worker's beat goes stale; the rescuer puts its task back.
        time.sleep(3.5)
        assert heartbeat.rescue() == 1
        second = start("worker", "--batch", "--interval", "0", smtp_port=smtp.port)
        try:
            second.wait(timeout=120)
        finally:
            output = stop(second)
        time.sleep(4.5)  # the slow handler of the killed connection may still complete
        assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 12, output
        assert len(smtp.ids) == 12
        twice = [mid for mid, n in smtp.ids.items() if n > 1]
        assert twice in ([], [slow.message_id])
        assert max(smtp.ids.values()) <= 2


def test_two_clocks_fire_each_slot_once_and_a_due_publication_is_announced_once(queued_tasks, team):
    item = f.article(status=Status.APPROVED, owner=team["unit"], created_by=team["writer"])
    item.approved_version = item.version
    item.save()
    at = timezone.now() + timedelta(seconds=3)
    workflow.schedule(item, team["publisher"], at)
    clocks = [start("clock") for _ in range(2)]
    workers = [start("worker", "--interval", "0.2") for _ in range(2)]
    try:
        assert wait_for(
            lambda: DomainEvent.objects.filter(
                kind=events.PUBLISHED, object_id=item.pk, dispatched_at__isnull=False
            ).exists(),
            timeout=90,
        )
        time.sleep(2)
    finally:
        outputs = [stop(p) for p in clocks + workers]
    ticks = list(ClockTick.objects.values_list("job", "slot"))
    assert len(ticks) == len(set(ticks)) and ticks, outputs
    published = DomainEvent.objects.get(kind=events.PUBLISHED, object_id=item.pk)
    assert not published.cancelled
    # The writer hears of the publication once (the scheduling mail came before).
    subjects = list(OutboxMessage.objects.values_list("subject", flat=True))
    assert sum("Terbit:" in s for s in subjects) == 1, subjects


def test_a_worker_waits_out_a_database_that_dropped_it_and_resumes(queued_tasks):
    with SMTPServer() as smtp:
        worker = start("worker", "--interval", "0.2", smtp_port=smtp.port)
        try:
            assert wait_for(lambda: heartbeat.WorkerBeat.objects.exists(), timeout=30)
            with connection.cursor() as cursor:  # what a database restart does to a client
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            time.sleep(1)
            queue_many(3)
            assert wait_for(
                lambda: OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 3,
                timeout=60,
            )
        finally:
            output = stop(worker)
        assert worker.returncode is not None
        assert len(smtp.ids) == 3, output
