"""Domain events happen once, when due; the clock fires each slot once however many run."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import DomainEvent, Status
from articles.workflow import events
from outreach.background import clock
from outreach.background.schedule import JOBS
from outreach.models import ClockTick
from tests import factories as f

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def heard():
    seen = []

    def listener(sender, event, item, **kwargs):
        seen.append((sender, item.pk))

    events.domain_event.connect(listener, weak=False)
    return seen, listener


@pytest.fixture
def listener():
    seen, receiver = heard()
    yield seen
    events.domain_event.disconnect(receiver)


def approved(team):
    item = f.article(status=Status.APPROVED, owner=team["unit"], created_by=team["writer"])
    item.approved_version = item.version
    item.save()
    return item


def test_an_immediate_publish_is_announced_once(team, listener, django_capture_on_commit_callbacks):
    item = approved(team)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(item, team["publisher"])
    assert listener.count((events.PUBLISHED, item.pk)) == 1
    assert events.dispatch_due() == 0  # nothing left, however often the clock asks


def test_a_scheduled_item_is_announced_when_its_time_comes_as_an_immediate_one_is(
    team, listener, django_capture_on_commit_callbacks
):
    item = approved(team)
    at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.schedule(item, team["publisher"], at)
    assert (events.SCHEDULED, item.pk) in listener
    assert (events.PUBLISHED, item.pk) not in listener
    assert events.dispatch_due(now=timezone.now()) == 0
    item.refresh_from_db()
    # Two clocks find it due at the same moment: one announcement.
    with _published_meanwhile(item, at):
        assert events.dispatch_due(now=at + timedelta(seconds=1)) == 1
        assert events.dispatch_due(now=at + timedelta(seconds=1)) == 0
    assert listener.count((events.PUBLISHED, item.pk)) == 1


class _published_meanwhile:
    """Time passes: the scheduled item's publish time is now in the past."""

    def __init__(self, item, at):
        self.item, self.at = item, at

    def __enter__(self):
        shift = timezone.now() - timedelta(seconds=5) - self.at
        type(self.item).objects.filter(pk=self.item.pk).update(publish_at=self.at + shift)
        DomainEvent.objects.filter(kind=events.PUBLISHED, object_id=self.item.pk).update(
            key=events.publication_key(self.at + shift), due_at=self.at + shift
        )

    def __exit__(self, *exc):
        return False


def test_the_same_event_key_cannot_be_recorded_twice(team):
    item = approved(team)
    first = events.emit(events.PUBLISHED, item, key="at:x")
    second = events.emit(events.PUBLISHED, item, key="at:x")
    assert first.pk == second.pk
    assert DomainEvent.objects.filter(kind=events.PUBLISHED, object_id=item.pk).count() == 1


def test_a_scheduled_item_withdrawn_before_its_time_is_never_announced(
    team, listener, django_capture_on_commit_callbacks
):
    item = approved(team)
    at = timezone.now() + timedelta(minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.schedule(item, team["publisher"], at)
        workflow.withdraw(item, team["publisher"], reason="Batal")
    events.dispatch_due(now=at + timedelta(minutes=1))
    assert (events.PUBLISHED, item.pk) not in listener
    assert DomainEvent.objects.get(kind=events.PUBLISHED, object_id=item.pk).cancelled


def test_a_listener_that_fails_leaves_the_event_for_the_next_tick(team, listener):
    item = approved(team)
    events.emit(events.WITHDRAWN, item, key="log:1")

    def broken(sender, **kwargs):
        raise RuntimeError("listener down")

    events.domain_event.connect(broken, weak=False)
    try:
        assert events.dispatch_due() == 0
    finally:
        events.domain_event.disconnect(broken)
    assert DomainEvent.objects.get(object_id=item.pk).dispatched_at is None
    assert events.dispatch_due() == 1
    assert (events.WITHDRAWN, item.pk) in listener


def test_the_demo_loader_context_announces_nothing(team):
    item = approved(team)
    with events.quiet():
        events.emit(events.PUBLISHED, item, key="at:quiet")
    assert not DomainEvent.objects.exists()


def test_every_minute_job_fires_once_per_minute_however_many_clocks_tick():
    now = timezone.now().replace(second=5)
    first = clock.tick(JOBS, now=now)
    assert "dispatch-events" in first
    assert clock.tick(JOBS, now=now + timedelta(seconds=40)) == []  # same minute, 2nd clock
    assert "dispatch-events" in clock.tick(JOBS, now=now + timedelta(minutes=1))
    assert ClockTick.objects.filter(job="dispatch-events").count() == 2


def test_a_daily_job_fires_at_its_wib_hour_once_and_catches_up_after_an_outage():
    digest = clock.Daily(hour=7)
    assert digest.slot(datetime(2026, 6, 25, 6, 59, tzinfo=WIB)) is None
    assert digest.slot(datetime(2026, 6, 25, 7, 0, tzinfo=WIB)) == "2026-06-25"
    assert digest.slot(datetime(2026, 6, 25, 9, 30, tzinfo=WIB)) == "2026-06-25"  # late clock
    weekly = clock.Daily(hour=7, weekday=0)
    assert weekly.slot(datetime(2026, 6, 25, 8, 0, tzinfo=WIB)) is None  # a Thursday
    assert weekly.slot(datetime(2026, 6, 29, 7, 0, tzinfo=WIB)) == "2026-06-29"  # Monday
