"""The language switcher on a subscriber's pages stays on that page, token and all."""

import re

import pytest

from outreach.models import Subscriber
from outreach.subscribers import tokens

pytestmark = pytest.mark.django_db
SWITCHER = re.compile(r'<nav class="language-links".*?</nav>', re.S)


def switcher(response):
    """{language code: href} of the switcher's links."""
    nav = SWITCHER.search(response.content.decode()).group(0)
    return dict(
        (code, href.replace("&amp;", "&"))
        for href, code in re.findall(r'<a href="([^"]*)" hreflang="([a-z]{2})"', nav)
    )


@pytest.fixture
def reader():
    return Subscriber.objects.create(
        email="guru@example.test", language="id", consent_at="2026-01-01T00:00Z",
        consent_text="setuju", confirm_nonce="n1",
    )  # fmt: skip


def test_manage_confirm_and_leave_switch_to_the_same_page_in_english_and_back(client, reader):
    confirm = f"/langganan/konfirmasi/{tokens.confirm_token(reader)}/"
    manage = f"/langganan/kelola/{tokens.manage_token(reader)}/"
    leave = f"/langganan/berhenti/{tokens.manage_token(reader)}/"
    for path in (confirm, manage, leave):
        indonesian = client.get(path)
        assert indonesian.status_code == 200
        assert switcher(indonesian) == {"id": path, "en": "/en" + path}
        english = client.get("/en" + path)
        assert english.status_code == 200 and '<html lang="en">' in english.content.decode()
        assert switcher(english) == {"id": path, "en": "/en" + path}


def test_the_subscribe_form_keeps_what_it_was_opened_for(client):
    path = "/langganan/?scope=section%3Aberita&dari=%2Frubrik%2Fberita%2F"
    versions = switcher(client.get(path))
    assert versions["en"] == "/en" + path and versions["id"] == path
    english = client.get(versions["en"])
    assert 'value="section:berita"' in english.content.decode()
    # A crafted, huge query is not carried over.
    huge = client.get("/langganan/?scope=" + "x" * 3000)
    assert switcher(huge) == {"id": "/langganan/", "en": "/en/langganan/"}


def test_a_broken_link_page_switches_to_itself_too(client):
    page = client.get("/langganan/kelola/palsu/")
    assert page.status_code == 400
    assert switcher(page) == {"id": "/langganan/kelola/palsu/", "en": "/en/langganan/kelola/palsu/"}


def test_portal_pages_outside_subscribers_are_unchanged(client):
    assert switcher(client.get("/tidak-ada-halaman-ini/"))["en"] == "/en/"
