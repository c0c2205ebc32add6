"""Crafted links and requests against the subscriber pages: a clear page, never a 500,
and nothing changed that the link's owner did not ask for."""

import pytest

from outreach.models import Subscriber, Subscription
from outreach.subscribers import scopes, tokens

from .conftest import links_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    row = Subscriber.objects.create(
        email="guru@example.test", language="id", consent_at="2026-01-01T00:00Z",
        consent_text="setuju", confirmed_at="2026-01-02T00:00Z", confirm_nonce="",
    )  # fmt: skip
    Subscription.objects.create(subscriber=row, kind="all")
    Subscription.objects.create(subscriber=row, kind="agenda")
    return row


def pages(token):
    return [
        f"/langganan/konfirmasi/{token}/",
        f"/langganan/kelola/{token}/",
        f"/langganan/kelola/{token}/data.json",
        f"/langganan/berhenti/{token}/",
    ]


@pytest.mark.parametrize(
    "token",
    ["x" * 5000, "%00", "%C3%BC%E2%80%AE", "..", ".eJx:a:b", "eyJzIjoxfQ:1kS:AAAA", "%2e%2e"],
)
def test_strange_tokens_get_a_clear_page_on_every_subscriber_address(client, reader, token):
    for path in pages(token):
        for method in (client.get, client.post):
            response = method(path, {"action": "delete"})
            assert response.status_code in (400, 404, 410), (path, response.status_code)
    assert Subscriber.objects.exists() and reader.subscriptions.count() == 2


def test_a_token_for_one_purpose_does_not_work_for_another(client, reader):
    manage = tokens.manage_token(reader)
    reader.confirm_nonce = "n1"
    reader.save()
    confirm = tokens.confirm_token(reader)
    assert client.post(f"/langganan/konfirmasi/{manage}/").status_code == 400
    for path in pages(confirm)[1:]:
        response = client.post(path, {"action": "delete"})
        assert response.status_code == 400
        assert "tidak sah" in response.content.decode()
    assert reader.subscriptions.count() == 2 and Subscriber.objects.exists()


def test_a_manage_link_for_a_changed_address_no_longer_works(client, reader):
    old = tokens.manage_token(reader)
    Subscriber.objects.filter(pk=reader.pk).update(email="baru@example.test")
    response = client.post(f"/langganan/berhenti/{old}/")
    assert response.status_code == 410
    assert reader.subscriptions.count() == 2


def test_a_thousand_scopes_on_the_manage_page_keep_only_what_was_followed(client, reader):
    path = f"/langganan/kelola/{tokens.manage_token(reader)}/"
    keep = ["all", *[f"tag:t{n}" for n in range(1000)], "section:berita", "unit:lain"]
    response = client.post(path, {"keep": keep, "frequency": "daily", "language": "en"})
    assert response.status_code == 200
    assert {(s.kind, s.key) for s in reader.subscriptions.all()} == {("all", "")}
    bad = client.post(path, {"keep": ["all"], "frequency": "hourly", "language": "fr"})
    assert bad.status_code == 400


def test_a_thousand_scopes_in_the_sign_up_address_offer_at_most_the_limit(client):
    query = "&".join(f"scope=tag:t{n}" for n in range(1000))
    response = client.get(f"/langganan/?{query}")
    assert response.status_code == 200
    assert response.content.decode().count('name="scopes"') <= scopes.MAX_SCOPES + 2


def test_address_spelled_differently_shares_the_daily_limit(smtp, sign_up):
    for email in [
        "Guru@Example.test",
        "GURU@example.test",
        "guru@EXAMPLE.TEST",
        " guru@example.test",
    ]:
        sign_up(email=email)
    assert len(smtp.messages) == 3
    assert Subscriber.objects.count() == 1


def test_a_confirmed_address_typed_again_and_again_gets_at_most_three_mails(client, smtp, sign_up):
    sign_up()
    client.post(links_in(smtp.messages[0])["konfirmasi"])
    for _ in range(5):
        assert sign_up().status_code == 200
    assert len(smtp.messages) == 3  # the confirmation and two "your subscription" mails


def test_a_forged_forwarded_for_does_not_escape_the_client_limit(
    client, smtp, settings, local_cache
):
    settings.NEWSROOM_SUBSCRIBE_REQUESTS_PER_CLIENT = 2
    codes = []
    for n in range(4):
        data = {"email": f"guru{n}@example.test", "scopes": ["all"], "frequency": "daily",
                "language": "id", "consent": "on", "page": "/"}  # fmt: skip
        response = client.post("/langganan/", data, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        codes.append(response.status_code)
    assert codes == [200, 200, 429, 429]


def test_subscriber_pages_are_never_cached_and_set_a_cookie_only_for_a_form(client, reader):
    manage = tokens.manage_token(reader)
    for path in ["/langganan/", f"/langganan/kelola/{manage}/", f"/langganan/berhenti/{manage}/"]:
        response = client.get(path)
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    for path in pages("palsu"):
        response = client.get(path)
        assert response.status_code == 400 and not response.cookies, path
        assert "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_sign_ups_of_one_address_mail_at_most_three_and_never_fail(settings):
    """Real concurrency needs a database other threads can share: PostgreSQL."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("threads share no in-memory SQLite database")
    import threading

    from outreach.models import OutboxMessage
    from outreach.subscribers import signup

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    data = {"email": "Guru@example.test", "language": "id", "frequency": "daily",
            "scopes": [("all", "")], "labels": ["Semua berita"]}  # fmt: skip
    start, errors = threading.Barrier(8), []

    def sign_up():
        try:
            start.wait()
            signup.request_subscription(data, "/")
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Subscriber.objects.filter(email="guru@example.test").count() == 1
    assert OutboxMessage.objects.filter(kind="subscriber_confirm").count() == 3
