"""Nothing typed is lost: the change form autosaves and offers "Pulihkan" after the tab was
closed; leaving with unsaved edits asks first; a picture sent back for a missing
description keeps the chosen file."""

import io

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.models import Article, FormSnapshot, Image

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Ditjen Diksi dan CNBC Indonesia Latih Guru SMK Menulis Berita"


def test_what_was_typed_comes_back_after_the_tab_was_closed(staff, live_server, demo, shot):
    writer = staff("penulis")
    add = f"{live_server.url}/admin/articles/article/add/"
    writer.goto(add)
    writer.fill("#id_title", TITLE)
    writer.locator(".prose-editor [contenteditable=true]").click()
    writer.keyboard.type("Pelatihan menulis berita untuk guru SMK digelar di Jakarta.")
    expect(writer.locator(".autosave-state")).to_contain_text("Tersimpan otomatis")
    assert FormSnapshot.objects.filter(object_id=0, kind="berita").exists()
    writer.close(run_before_unload=False)  # the tab is closed, nothing was saved

    again = staff("penulis")
    again.goto(add)
    offer = again.locator(".autosave-offer")
    expect(offer).to_be_visible()
    shot(again, "restore offered")
    assert again.input_value("#id_title") == ""
    offer.get_by_role("button", name="Pulihkan").click()
    assert again.input_value("#id_title") == TITLE
    expect(again.locator(".prose-editor [contenteditable=true]")).to_contain_text(
        "Pelatihan menulis berita untuk guru SMK"
    )
    again.fill("#id_lead", "Guru SMK belajar menulis berita bersama jurnalis CNBC Indonesia.")
    again.locator("input[name=_continue]").click()
    expect(again.locator(".messagelist")).to_be_visible()
    story = Article.objects.get(title=TITLE)
    assert "Pelatihan menulis berita untuk guru SMK" in story.body
    assert not FormSnapshot.objects.filter(kind="berita", object_id=0).exists()


def test_leaving_with_unsaved_edits_asks_first(staff, live_server, demo, shot):
    writer = staff("penulis")
    writer.goto(f"{live_server.url}/admin/articles/article/add/")
    writer.fill("#id_title", "Judul yang baru diketik")
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    writer.on("dialog", stay)
    writer.get_by_role("link", name="Beranda").click(no_wait_after=True)
    writer.wait_for_timeout(500)  # the navigation would have started by now
    assert asked == ["beforeunload"]
    assert writer.url.endswith("/admin/articles/article/add/")
    assert writer.input_value("#id_title") == "Judul yang baru diketik"

    # Saving is not leaving: no question.
    writer.remove_listener("dialog", stay)
    writer.goto(f"{live_server.url}/admin/articles/article/add/")
    writer.get_by_role("link", name="Beranda").click()
    expect(writer).to_have_url(f"{live_server.url}/admin/")


def _photo(path):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (200, 120, 40)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_picture_sent_back_for_its_description_keeps_the_file(
    staff, live_server, demo, shot, tmp_path
):
    writer = staff("penulis")
    writer.goto(f"{live_server.url}/admin/articles/image/add/")
    writer.set_input_files("#id_file", str(_photo(tmp_path / "pelatihan.jpg")))
    writer.locator("input[name=_save]").click()
    expect(writer.locator(".errornote")).to_be_visible()
    expect(writer.locator(".field-file")).to_contain_text("tetap tersimpan")
    shot(writer, "sent back, file kept")
    writer.fill("#id_alt_text", "Guru SMK berlatih menulis berita di ruang kelas")
    writer.locator("input[name=_save]").click()
    expect(writer.locator(".messagelist")).to_be_visible()
    image = Image.objects.get(alt_text="Guru SMK berlatih menulis berita di ruang kelas")
    assert (image.width, image.height) == (1600, 900)
