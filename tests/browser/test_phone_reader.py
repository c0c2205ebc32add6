"""Scenario 6: a reader on a 390×844 phone reads the home page, an article, the agenda
and an event, saves the event to a calendar, switches to English and searches, never
scrolling sideways; axe-core finds no violation on any of those page types."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import violations

pytestmark = pytest.mark.django_db(transaction=True)

ALL_IMPACTS = ("minor", "moderate", "serious", "critical")


def _read(tab, shot, name):
    """The page fits the phone's width, and axe finds nothing to report."""
    tab.wait_for_load_state("load")
    overflow = tab.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name}: {overflow}px of sideways scrolling"
    assert violations(tab, ALL_IMPACTS) == [], name
    shot(tab, name)


def _switch_to_english(tab):
    """Follow the switcher by its visible text, a link or an option of a form."""
    link = tab.get_by_role("link", name="English")
    if link.count():
        link.first.click()
    else:
        tab.get_by_label("Bahasa").select_option(label="English")
        tab.locator(".language-form button[type=submit]").click()
    tab.wait_for_load_state("load")


def test_a_reader_on_a_phone(phone, live_server, demo, shot):
    phone.goto(live_server.url + "/")
    _read(phone, shot, "home")

    phone.locator("main article a, main .card a").first.click()
    expect(phone.locator("h1")).to_be_visible()
    _read(phone, shot, "article")

    phone.goto(live_server.url + "/agenda/")
    _read(phone, shot, "agenda")
    # An event's own page (the agenda also links its calendar and its subscribe page).
    phone.locator("main a[href^='/agenda/']:not([href='/agenda/'])").first.click()
    _read(phone, shot, "event")

    ics = phone.get_by_role("link", name="Unduh berkas .ics")
    with phone.expect_download() as download:
        ics.click()
    assert download.value.suggested_filename.endswith(".ics")

    _switch_to_english(phone)
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    phone.locator("input[name=q]").first.fill("vokasi")
    phone.locator("input[name=q]").first.press("Enter")
    phone.wait_for_url("**q=vokasi**")
    expect(phone.locator("main")).to_contain_text("vokasi")
    _read(phone, shot, "search in English")
