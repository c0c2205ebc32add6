"""Stored pages are answered by the WSGI application itself, exactly as Django answered them."""

import io
import logging

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from articles import workflow
from articles.models import Article
from newsroom.wsgi import application
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def wsgi_get(path, method="GET", **headers):
    """One request through the deployed WSGI application: (status, headers, body, queries)."""
    path, _, query = path.partition("?")
    environ = RequestFactory().generic(method, path, QUERY_STRING=query, **headers).environ
    environ["wsgi.input"] = io.BytesIO(b"")
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=status, headers=dict(response_headers))

    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with CaptureQueriesContext(connection) as captured:
            result = application(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body, len(captured)


def test_a_stored_page_is_answered_without_django_and_with_every_header(client):
    f.article(title="Kelas daring vokasi")
    status, first, body, _ = wsgi_get("/")
    assert status == "200 OK" and first["X-Cache"] == "MISS"

    handled = []
    request_started.connect(handled.append, dispatch_uid="front-test")
    try:
        status, again, repeated, count = wsgi_get("/")
    finally:
        request_started.disconnect(dispatch_uid="front-test")
    assert status == "200 OK" and again["X-Cache"] == "HIT"
    assert count == 0 and not handled  # Django never saw the request
    assert repeated == body and "Kelas daring vokasi" in repeated.decode()
    for name in ("Content-Security-Policy", "X-Frame-Options", "Content-Language", "ETag"):
        assert again[name] == first[name], name
    assert again["X-Request-ID"] != first["X-Request-ID"]
    assert "Set-Cookie" not in again


def test_the_front_answers_304_and_head_without_a_body():
    f.article()
    _, first, _, _ = wsgi_get("/rubrik/berita/")
    status, headers, body, count = wsgi_get("/rubrik/berita/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (status, body, count) == ("304 Not Modified", b"", 0)
    assert headers["ETag"] == first["ETag"] and "Content-Type" not in headers
    status, headers, body, _ = wsgi_get(
        "/rubrik/berita/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert status == "304 Not Modified"
    status, headers, body, _ = wsgi_get("/rubrik/berita/", method="HEAD")
    assert status == "200 OK" and body == b""
    assert headers["Content-Length"] == first["Content-Length"]


def test_compressed_and_plain_copies_are_kept_apart():
    for n in range(6):
        f.article(title=f"Rapat koordinasi {n}")
    wsgi_get("/")
    _, plain, plain_body, _ = wsgi_get("/")
    wsgi_get("/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    _, packed, packed_body, _ = wsgi_get("/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert plain["X-Cache"] == packed["X-Cache"] == "HIT"
    assert "Content-Encoding" not in plain and b"Rapat koordinasi" in plain_body
    assert packed["Content-Encoding"] == "gzip" and packed_body[:2] == b"\x1f\x8b"


def test_a_session_cookie_or_an_unknown_parameter_goes_to_django():
    item = f.article(title="Judul pertama")
    wsgi_get("/")
    Article.objects.filter(pk=item.pk).update(title="Judul kedua")  # no signal: only a render knows
    _, headers, body, _ = wsgi_get("/", HTTP_COOKIE="sessionid=abc")
    assert "X-Cache" not in headers and "Judul kedua" in body.decode()
    _, headers, body, _ = wsgi_get("/?tebak=wa")
    assert "X-Cache" not in headers and "Judul kedua" in body.decode()
    _, headers, body, _ = wsgi_get("/")
    assert headers["X-Cache"] == "HIT" and "Judul pertama" in body.decode()


def test_an_unknown_host_never_finds_a_stored_page():
    f.article()
    wsgi_get("/")
    status, headers, _, _ = wsgi_get("/", HTTP_HOST="evil.example")
    assert status.startswith("400") and "X-Cache" not in headers


def test_publishing_is_on_the_next_front_answer(team):
    item = f.article(status="approved", owner=team["unit"], title="Kemitraan baru diumumkan")
    wsgi_get("/")
    assert "Kemitraan baru diumumkan" not in wsgi_get("/")[2].decode()

    workflow.publish(item, team["publisher"])

    _, headers, body, _ = wsgi_get("/")
    assert headers["X-Cache"] == "MISS" and "Kemitraan baru diumumkan" in body.decode()


def test_a_front_answer_is_logged_with_its_request_id(caplog):
    f.article()
    wsgi_get("/")
    with caplog.at_level(logging.INFO, logger="newsroom.requests"):
        _, headers, _, _ = wsgi_get("/", HTTP_X_REQUEST_ID="proxy-id-12345")
    assert headers["X-Request-ID"] == "proxy-id-12345"
    (record,) = caplog.records
    assert record.status == 200 and record.path == "/" and record.request_id == "proxy-id-12345"


def test_nothing_is_answered_from_the_cache_when_it_is_off(settings):
    settings.NEWSROOM_PAGE_CACHE = False
    f.article()
    wsgi_get("/")
    _, headers, _, count = wsgi_get("/")
    assert "X-Cache" not in headers and count > 0


def test_a_miss_asks_the_cache_once(monkeypatch):
    from newsroom import pagecache

    f.article()
    asked = []
    lookup = pagecache.fresh_entry
    monkeypatch.setattr(pagecache, "fresh_entry", lambda key: asked.append(key) or lookup(key))
    _, headers, _, _ = wsgi_get("/")
    assert headers["X-Cache"] == "MISS" and len(asked) == 1


def test_the_front_answers_a_tagged_link_from_the_plain_addresss_entry():
    f.article(title="Judul pertama")
    wsgi_get("/")
    status, headers, body, queries = wsgi_get("/?utm_source=whatsapp&utm_campaign=x&fbclid=1")
    assert status.startswith("200") and headers["X-Cache"] == "HIT" and queries == 0
