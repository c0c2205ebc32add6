"""The preview beside the form shows what is typed, before any save, at desktop and phone
width, under the admin's strict Content-Security-Policy; nothing is saved by it, and the
leave-page guard still asks afterwards."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Event, FormSnapshot, Revision
from tests.browser.test_csp import watch

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_side_panel_previews_what_is_typed(staff, live_server, demo, shot):
    writer = staff("penulis")
    seen = watch(writer)
    stored = (Article.objects.count(), Revision.objects.count())
    writer.goto(f"{live_server.url}/admin/articles/article/add/")
    writer.fill("#id_title", "Guru SMK Belajar Menulis Berita")
    writer.locator(".prose-editor [contenteditable=true]").click()
    writer.keyboard.type("Para guru berlatih menulis berita bersama jurnalis.")

    writer.get_by_role("button", name="Pratinjau isian").click()
    panel = writer.locator("#live-preview")
    expect(panel).to_be_visible()
    preview = writer.frame_locator("iframe[name=live-preview-frame]")
    expect(preview.locator("h1")).to_have_text("Guru SMK Belajar Menulis Berita")
    expect(preview.locator("main")).to_contain_text("berlatih menulis berita")
    expect(preview.locator(".preview-banner")).to_contain_text("belum disimpan")
    expect(writer.locator(".autosave-offer")).to_be_hidden()  # nothing to restore here
    shot(writer, "desktop preview beside the form")
    box = writer.locator(".live-preview").bounding_box()
    form = writer.locator("#id_title").bounding_box()
    assert box["x"] > form["x"] + form["width"]  # beside the fields, not below them

    # What is typed next shows without a button.
    writer.fill("#id_title", "Guru SMK Menulis Berita untuk Laman Sekolah")
    expect(preview.locator("h1")).to_have_text("Guru SMK Menulis Berita untuk Laman Sekolah")

    frame = writer.locator("iframe[name=live-preview-frame]")
    assert frame.evaluate("f => f.offsetWidth") == 1280
    writer.get_by_role("button", name="Ponsel").click()
    expect(writer.get_by_role("button", name="Ponsel")).to_have_attribute("aria-pressed", "true")
    assert frame.evaluate("f => f.offsetWidth") == 390
    # The page inside lays itself out for a phone: no sideways scrolling.
    inner = writer.frames[-1]
    assert inner.evaluate("() => document.documentElement.scrollWidth") <= 390
    shot(writer, "phone preview beside the form")

    assert (Article.objects.count(), Revision.objects.count()) == stored
    # Previewing is not saving: leaving still asks, and autosave still runs.
    asked = []
    writer.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    writer.get_by_role("link", name="Beranda").click(no_wait_after=True)
    writer.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    expect(writer.locator(".autosave-state")).to_contain_text("Tersimpan otomatis")
    assert FormSnapshot.objects.filter(kind="berita", object_id=0).exists()
    assert not seen, seen


def test_an_events_form_previews_its_typed_title_and_speakers(staff, live_server, demo, shot):
    event = Event.objects.order_by("pk").first()  # live: the editor's save would be a copy
    editor = staff("redaktur")
    editor.goto(f"{live_server.url}/admin/articles/event/{event.pk}/change/")
    editor.fill("#id_title", "Kelas Daring Media Sosial untuk Humas")
    editor.get_by_role("button", name="Pratinjau isian").click()
    preview = editor.frame_locator("iframe[name=live-preview-frame]")
    expect(preview.locator("h1")).to_have_text("Kelas Daring Media Sosial untuk Humas")
    editor.get_by_role("button", name="Ponsel").click()
    shot(editor, "event preview at phone width")
    # The fields beside the panel fit the window: no sideways scrolling of the page.
    assert editor.evaluate("() => document.documentElement.scrollWidth") <= 1280
    event.refresh_from_db()
    assert event.title != "Kelas Daring Media Sosial untuk Humas"
