"""Views counted through the real endpoint and the clock's flush, per item, language, channel."""

import json
from datetime import timedelta

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.wsgi import application
from outreach.background import clock
from outreach.background.schedule import JOBS
from outreach.models import DailyReach, MinuteReach
from outreach.reach import store
from outreach.reach.beacon import record
from tests import factories as f
from tests.portal.test_page_front import wsgi_get

from .conftest import PHONE, beacon, flushed

pytestmark = pytest.mark.django_db


def rows(**filters):
    return list(DailyReach.objects.filter(**filters).values_list("channel", "views", "visitors"))


def test_a_view_becomes_a_daily_row_of_its_item_and_unit_after_the_flush(client):
    article = f.article()
    response = beacon(client, f"a{article.pk}")
    assert response.status_code == 204 and response["Cache-Control"] == "no-store"
    assert not DailyReach.objects.exists()  # nothing is written per view

    assert flushed() == 1
    row = DailyReach.objects.get()
    assert (row.kind, row.object_id, row.unit_id) == ("article", article.pk, article.unit_id)
    assert (row.day, row.language, row.channel) == (timezone.localdate(), "id", "direct")
    assert (row.views, row.visitors) == (1, 1)
    assert flushed() == 0  # the bucket is gone: a second flush adds nothing


def test_the_beacon_costs_the_database_nothing(client):
    article = f.article()
    with CaptureQueriesContext(connection) as queries:
        beacon(client, f"a{article.pk}")
    assert len(queries) == 0


@pytest.mark.parametrize(
    ("source", "referrer", "channel"),
    [
        ("whatsapp", "", "whatsapp"),
        ("WhatsApp", "https://www.google.com/", "whatsapp"),  # the tag wins over the referrer
        ("press", "", "press"),
        ("ig", "", "instagram"),
        ("some-partner", "", "campaign"),
        ("", "https://www.google.co.id/search?q=vokasi", "search"),
        ("", "https://l.facebook.com/l.php?u=x", "social"),
        ("", "https://t.co/abc", "social"),
        ("", "https://web.whatsapp.com/", "messaging"),
        ("", "https://detik.com/berita", "sites"),
        ("", "http://testserver/rubrik/berita/", "internal"),
        ("", "", "direct"),
    ],
)
def test_the_channel_is_the_tag_else_the_referrers_kind_else_direct(
    client, source, referrer, channel
):
    article = f.article()
    beacon(client, f"a{article.pk}", source=source, referrer=referrer)
    flushed()
    assert rows() == [(channel, 1, 1)]


def test_a_reader_coming_back_is_one_visitor_and_each_view_counts(client):
    article, event = f.article(), f.event()
    for _ in range(3):
        beacon(client, f"a{article.pk}")
    beacon(client, f"a{article.pk}", ua=PHONE.replace("13", "14"))  # another phone
    beacon(client, f"a{article.pk}", ip="198.51.100.9")  # another address
    beacon(client, f"e{event.pk}", language="en", source="x")
    flushed()
    assert rows(kind="article") == [("direct", 5, 3)]
    assert rows(kind="event", language="en") == [("x", 1, 1)]


def test_list_pages_and_unit_pages_count_too(client):
    unit = f.unit()
    beacon(client, "l:home")
    beacon(client, "l:events")
    beacon(client, f"u{unit.pk}")
    flushed()
    found = DailyReach.objects.values_list("kind", "object_id", "list_name", "unit")
    assert sorted(found) == [
        ("list", 0, "events", None),
        ("list", 0, "home", None),
        ("unit", unit.pk, "", unit.pk),
    ]


def test_counts_of_several_flushes_add_up_in_one_row(client):
    article = f.article()
    beacon(client, f"a{article.pk}")
    flushed()
    beacon(client, f"a{article.pk}")
    beacon(client, f"a{article.pk}", ip="198.51.100.9")
    flushed()
    assert rows() == [("direct", 3, 2)]


def test_the_clock_flushes_the_finished_minutes_every_minute(rf):
    article = f.article()
    earlier = timezone.now() - timedelta(minutes=2)
    request = rf.post("/r", HTTP_USER_AGENT=PHONE, REMOTE_ADDR="198.51.100.3")
    record(request, (f"a{article.pk}", "id", "facebook"), now=earlier)
    assert "flush-reach" in clock.tick(JOBS)
    assert rows() == [("facebook", 1, 1)]
    assert MinuteReach.objects.get().views == 1  # "the last 30 minutes" has it too


def test_a_flush_that_died_after_its_commit_does_not_count_twice(client, monkeypatch):
    article = f.article()
    beacon(client, f"a{article.pk}")
    counters = store.current()
    monkeypatch.setattr(type(counters), "drop", lambda self, claim: None)  # dies before drop
    flushed()
    monkeypatch.undo()
    assert counters.claims()  # the claim is still in the cache
    flushed()
    assert not counters.claims()
    assert rows() == [("direct", 1, 1)]


def test_a_page_answered_from_the_page_cache_still_carries_the_beacon(page_cache):
    article = f.article()
    _status, first, _body, _queries = wsgi_get(article.get_absolute_url())
    _status, again, body, queries = wsgi_get(article.get_absolute_url())
    assert again["X-Cache"] == "HIT" and queries == 0
    assert f'data-item="a{article.pk}"' in body.decode()


def test_the_beacon_through_the_deployed_wsgi_application(client):
    article = f.article()
    environ = (
        RequestFactory()
        .post(
            "/r",
            data=json.dumps({"i": f"a{article.pk}", "l": "id", "s": "whatsapp", "r": ""}),
            content_type="text/plain",
            HTTP_USER_AGENT=PHONE,
        )
        .environ
    )
    started = {}
    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with CaptureQueriesContext(connection) as queries:
            answer = application(environ, lambda status, headers: started.update(s=status))
            body = b"".join(answer)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert started["s"].startswith("204") and body == b"" and len(queries) == 0
    flushed()
    assert rows() == [("whatsapp", 1, 1)]


@pytest.mark.parametrize(
    ("method", "body", "headers"),
    [
        ("GET", b"", {}),
        ("POST", b"{not json", {}),
        ("POST", b'{"i": "a1", "l": "id"}' + b" " * 5000, {}),  # over the 2 KB a beacon is
        ("POST", b'{"i": "a1", "l": "id"}', {"HTTP_HOST": "evil.example"}),
        ("POST", b'{"i": "a1", "l": "id"}', {"HTTP_USER_AGENT": "curl/8.4.0"}),
        ("POST", b'{"i": "a1", "l": "id"}', {"CONTENT_LENGTH": "-5"}),
    ],
)
def test_the_deployed_application_answers_any_beacon_with_an_empty_204(method, body, headers):
    f.article()
    environ = RequestFactory().generic(method, "/r", data=body, content_type="text/plain").environ
    environ.update({"HTTP_USER_AGENT": PHONE, **headers})
    started = {}
    with CaptureQueriesContext(connection) as queries:
        answer = application(environ, lambda status, headers: started.update(s=status, h=headers))
        content = b"".join(answer)
    assert started["s"] == "204 No Content" and content == b"" and len(queries) == 0
    assert ("Cache-Control", "no-store") in started["h"]
    flushed()
    assert not DailyReach.objects.exists()
