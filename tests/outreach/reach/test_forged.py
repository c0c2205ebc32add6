"""Robots, prefetches and forged beacons: dropped or capped, always an empty 204."""

import json

import pytest
from django.utils import timezone

from outreach.models import DailyReach
from outreach.reach import store
from tests import factories as f

from .conftest import ADDRESS, PHONE, beacon, flushed

pytestmark = pytest.mark.django_db


def total():
    return sum(DailyReach.objects.values_list("views", flat=True))


@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0.0.0",
        "python-requests/2.31.0",
        "curl/8.4.0",
        "",
    ],
)
def test_robots_are_not_counted(client, ua):
    article = f.article()
    assert beacon(client, f"a{article.pk}", ua=ua).status_code == 204
    flushed()
    assert total() == 0


def test_prefetches_and_other_methods_are_not_counted(client):
    article = f.article()
    beacon(client, f"a{article.pk}", HTTP_SEC_PURPOSE="prefetch;prerender")
    beacon(client, f"a{article.pk}", HTTP_PURPOSE="prefetch")
    assert client.get("/r", HTTP_USER_AGENT=PHONE).status_code == 204
    assert client.head("/r", HTTP_USER_AGENT=PHONE).status_code == 204
    flushed()
    assert total() == 0


@pytest.mark.parametrize(
    "body",
    [
        "",
        "not json",
        "[1, 2]",
        json.dumps({"i": "a1" + "9" * 20, "l": "id"}),  # an id longer than any
        json.dumps({"i": "l:admin", "l": "id"}),  # not a public list
        json.dumps({"i": "<script>", "l": "id"}),
        json.dumps({"i": "a1", "l": "fr"}),  # not a language of the site
        json.dumps({"i": "a1", "l": "id", "r": "x" * 10_000}),  # over the size limit
    ],
)
def test_garbled_or_huge_beacons_are_dropped_without_an_error_page(client, body):
    f.article()
    response = client.post("/r", data=body, content_type="text/plain", HTTP_USER_AGENT=PHONE)
    assert response.status_code == 204 and response.content == b""
    flushed()
    assert total() == 0


def test_ids_that_name_nothing_public_are_dropped_at_the_flush(client):
    draft = f.article(status="draft")
    beacon(client, f"a{draft.pk}")
    beacon(client, "a999999")
    beacon(client, "e999999")
    beacon(client, "u999999")
    assert flushed() == 0
    assert total() == 0


def test_the_day_is_the_servers_whatever_the_beacon_claims(client):
    article = f.article()
    beacon(client, f"a{article.pk}", body={"d": "2099-01-01", "day": "2099-01-01"})
    flushed()
    assert list(DailyReach.objects.values_list("day", flat=True)) == [timezone.localdate()]


def test_a_beacon_from_another_sites_page_is_not_counted(client):
    article = f.article()
    beacon(client, f"a{article.pk}", HTTP_ORIGIN="https://evil.example")
    beacon(client, f"a{article.pk}", HTTP_HOST="evil.example")  # not an allowed host
    flushed()
    assert total() == 0


@pytest.fixture
def small_limits(monkeypatch):
    """The limits made small, so a flood is quick."""
    monkeypatch.setattr(store, "VIEWS_PER_VISITOR", 4)
    monkeypatch.setattr(store, "ADDRESS_PER_MINUTE", 15)


def test_a_flood_from_one_reader_counts_no_more_than_one_reader_could(client, small_limits):
    article = f.article()
    for _ in range(50):
        beacon(client, f"a{article.pk}", source="whatsapp")
    flushed()
    row = DailyReach.objects.get()
    assert (row.views, row.visitors) == (store.VIEWS_PER_VISITOR, 1)


def test_a_flood_from_one_address_with_changing_browsers_is_capped_per_minute(client, small_limits):
    article = f.article()
    for n in range(store.ADDRESS_PER_MINUTE + 30):
        beacon(client, f"a{article.pk}", ua=f"{PHONE} build/{n}", ip=ADDRESS)
    beacon(client, f"a{article.pk}", ip="198.51.100.20")  # another reader is still counted
    flushed()
    row = DailyReach.objects.get()
    # Per minute: a flood that crossed a minute's end had that minute's allowance too.
    assert row.visitors == row.views
    assert store.ADDRESS_PER_MINUTE + 1 <= row.views <= 2 * store.ADDRESS_PER_MINUTE + 1
