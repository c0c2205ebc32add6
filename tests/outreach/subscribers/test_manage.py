"""The subscriber's own page and the one-click leave, from the links in their mail."""

import json

import pytest
from django.test import Client

from outreach.models import OutboxMessage, Subscriber

from .conftest import links_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribed(client, smtp, sign_up):
    """A confirmed subscriber; their manage and leave links from the 'already' mail."""
    sign_up(scopes=["all", "agenda", "section:berita"])
    client.post(links_in(smtp.messages[0])["konfirmasi"])
    sign_up()  # the confirmed address gets a mail with its own page's link
    return links_in(smtp.messages[1])["kelola"]


def test_manage_page_changes_frequency_language_and_drops_one_scope(client, subscribed):
    page = client.get(subscribed)
    html = page.content.decode()
    assert page.status_code == 200 and "Semua berita" in html and "Rubrik Berita" in html
    assert page["Referrer-Policy"] == "same-origin"

    client.post(
        subscribed,
        {
            "action": "save",
            "keep": ["all", "section:berita"],
            "frequency": "weekly",
            "language": "en",
        },
    )
    subscriber = Subscriber.objects.get()
    assert (subscriber.frequency, subscriber.language) == ("weekly", "en")
    assert {(s.kind, s.key) for s in subscriber.subscriptions.all()} == {
        ("all", ""),
        ("section", "berita"),
    }


def test_leave_all_from_the_manage_page(client, subscribed):
    response = client.post(subscribed, {"action": "leave_all"})
    assert "berhenti berlangganan" in response.content.decode()
    assert not Subscriber.objects.get().subscriptions.exists()


def test_download_my_data_as_json(client, subscribed):
    response = client.get(subscribed + "data.json")
    data = json.loads(response.content)
    assert response["Content-Type"].startswith("application/json")
    assert data["email"] == "guru@example.test"
    assert data["consent"]["page"] == "/rubrik/berita/"
    assert "menyimpan alamat e-mail" in data["consent"]["text"]
    assert {s["kind"] for s in data["subscriptions"]} == {"all", "agenda", "section"}
    assert len(data["mails"]) == 2


def test_delete_everything(client, subscribed):
    client.post(subscribed, {"action": "delete"})
    assert not Subscriber.objects.exists()
    assert not OutboxMessage.objects.filter(recipient="guru@example.test").exists()
    assert client.get(subscribed).status_code == 410  # the link outlives nothing


def test_one_click_post_needs_no_cookie_or_csrf_and_takes_effect_at_once(subscribed):
    leave = subscribed.replace("/kelola/", "/berhenti/")
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(leave).status_code == 200  # a GET shows a button, changes nothing
    assert Subscriber.objects.get().subscriptions.count() == 3

    response = browser.post(leave, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and not response.cookies
    assert not Subscriber.objects.get().subscriptions.exists()


def test_forged_manage_links_get_a_clear_page(client, subscribed):
    assert client.get("/langganan/kelola/x/").status_code == 400
    assert client.post(subscribed[:-4] + "xyz/", {"action": "delete"}).status_code == 400
    assert Subscriber.objects.exists()
