"""Checks before review beside the form: the seed release pasted as written repeats the
dateline and the initials the site adds; one click on "Perbaiki" takes each out."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import violations

pytestmark = pytest.mark.django_db(transaction=True)

OPENING = (
    "Jakarta, Ditjen Diksi -- Dit. Mitras DUDI dan CNBC Indonesia menggelar kelas daring "
    "pengelolaan media sosial bagi 43 peserta, Kamis (25/06)."
)
CLOSING = "Kelas ditutup dengan sesi tanya jawab. (Diksi/RA/AP/DE)"


def test_the_duplicated_dateline_is_fixed_in_one_click(staff, live_server, demo, shot):
    writer = staff("penulis")
    writer.goto(f"{live_server.url}/admin/articles/article/add/")
    writer.fill("#id_title", "Mitras DUDI dan CNBC Indonesia Gelar Kelas Media Sosial")
    writer.locator(".prose-editor [contenteditable=true]").click()
    writer.keyboard.insert_text(OPENING)
    writer.keyboard.press("Enter")
    writer.keyboard.insert_text(CLOSING)

    checks = writer.locator(".review-checks")
    dateline = checks.locator("[data-check=dateline]")
    expect(dateline).to_contain_text("Jakarta, Ditjen Diksi --")
    expect(checks.locator("[data-check=initials]")).to_be_visible()
    expect(checks.locator(".review-facts")).to_contain_text("menit membaca")
    shot(writer, "checks beside the form")
    assert violations(writer) == []

    dateline.get_by_role("button", name="Perbaiki").click()  # the one click

    text = writer.locator(".prose-editor [contenteditable=true]")
    expect(text.locator("p").first).to_have_text(OPENING.removeprefix("Jakarta, Ditjen Diksi -- "))
    expect(dateline).to_have_count(0)
    body = writer.locator("textarea[name=body]").input_value()
    assert body.startswith("<p>Dit. Mitras DUDI dan CNBC Indonesia")

    checks.locator("[data-check=initials]").get_by_role("button", name="Perbaiki").click()
    expect(text).not_to_contain_text("(Diksi/RA/AP/DE)")
    expect(checks.locator(".review-clear")).to_be_visible()
