"""Nothing that identifies a reader is kept: every table read, the salt gone with the day."""

from datetime import datetime, timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from outreach.models import DailyReach
from outreach.reach import store, visitors
from outreach.reach.beacon import record
from outreach.reach.flush import flush
from tests import factories as f

from .conftest import ADDRESS, PHONE, beacon, flushed

pytestmark = pytest.mark.django_db


def every_stored_value():
    """Every value of every row of every table the project's models know."""
    for model in apps.get_models(include_auto_created=True):
        for row in model.objects.values_list():
            yield from (str(value) for value in row)


def test_no_table_holds_the_address_or_the_browser_string(client):
    article = f.article()
    beacon(client, f"a{article.pk}", source="whatsapp", referrer="https://www.google.com/x")
    beacon(client, "l:home")
    flushed()
    values = list(every_stored_value())
    assert values  # the rows were read
    for secret in (ADDRESS, PHONE, "Android 13", "google.com/x"):
        assert not any(secret in value for value in values), secret


def test_the_counters_in_memory_hold_neither(client):
    """The store keeps hashes and sums only (Redis: test_redis_store.py)."""
    article = f.article()
    beacon(client, f"a{article.pk}")
    kept = repr(store._memory.values) + repr(store._memory.bucket_counts)
    assert f"a{article.pk}" in kept
    assert ADDRESS not in kept and "Android" not in kept


def test_the_salt_lives_until_the_days_end_and_the_next_day_has_another():
    wib = timezone.get_current_timezone()
    late = timezone.make_aware(datetime(2026, 6, 25, 23, 59, 30), wib)
    assert visitors.seconds_left(late) == 30
    early = timezone.make_aware(datetime(2026, 6, 25, 0, 0, 0), wib)
    assert visitors.seconds_left(early) == 24 * 3600
    counters = store.current()
    today = counters.salt("2026-06-25", 30)
    assert 0 < counters.salt_ttl("2026-06-25") <= 30
    assert counters.salt("2026-06-26", 3600) != today


def test_the_same_reader_on_two_days_cannot_be_linked(rf):
    article = f.article()
    request = rf.post("/r", HTTP_USER_AGENT=PHONE, REMOTE_ADDR=ADDRESS)
    now = timezone.now()
    view = (f"a{article.pk}", "id", "direct")
    record(request, view, now=now)
    record(request, view, now=now + timedelta(days=1))
    flush(now=now + timedelta(days=1, minutes=1))
    assert sorted(DailyReach.objects.values_list("visitors", flat=True)) == [1, 1]
