"""Scenario 1: a writer creates an article with a heading, bold, a link and a list in the
editor, an uploaded picture with its description, topics and speakers, previews it and
submits it. On the way, a photo over the size limit is refused before it is sent."""

import io
import os

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.models import Article, Image, Speaker, Status
from tests.browser.axe import violations

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Siswa SMK Rakit Mobil Listrik untuk Lomba Nasional"


def _photo(path, size, noisy=False):
    picture = (
        PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
        if noisy
        else (PILImage.new("RGB", size, (40, 120, 200)))
    )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95)
    path.write_bytes(buffer.getvalue())
    return path


def _editor(tab):
    text = tab.locator(".prose-editor [contenteditable=true]")
    text.click()
    return text


def test_a_writer_writes_illustrates_previews_and_submits(
    staff, live_server, demo, shot, settings, tmp_path
):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 400_000
    big = _photo(tmp_path / "besar.jpg", (800, 600), noisy=True)
    small = _photo(tmp_path / "mobil.jpg", (1200, 800))
    assert big.stat().st_size > settings.NEWSROOM_IMAGE_MAX_BYTES
    speaker = Speaker.objects.order_by("pk").first()

    writer = staff("penulis")
    base = live_server.url

    # The picture, into the library first, with its description.
    writer.goto(f"{base}/admin/articles/image/add/")
    writer.set_input_files("#id_file", str(big))
    expect(writer.locator(".upload-refused")).to_contain_text("MB")
    assert writer.input_value("#id_file") == ""
    shot(writer, "oversize photo refused in the browser")
    writer.set_input_files("#id_file", str(small))
    expect(writer.locator(".upload-refused")).to_have_count(0)
    writer.fill("#id_alt_text", "Siswa SMK merakit rangka mobil listrik di bengkel sekolah")
    writer.fill("#id_caption", "Perakitan mobil listrik di bengkel SMK")
    writer.locator("input[name=_save]").click()
    expect(writer.locator(".messagelist")).to_be_visible()
    picture = Image.objects.get(caption="Perakitan mobil listrik di bengkel SMK")

    # The story.
    writer.goto(f"{base}/admin/articles/article/add/")
    writer.fill("#id_title", TITLE)
    writer.fill("#id_lead", "Siswa SMK merakit mobil listrik untuk lomba nasional.")
    text = _editor(writer)
    writer.locator(".prose-menubar__selected").click()
    writer.locator(".prose-menubar__option", has_text="Judul 2").click()
    writer.keyboard.type("Persiapan lomba")
    writer.keyboard.press("Enter")
    writer.keyboard.type("Tim ")
    bold = writer.get_by_role("button", name="Tebal")
    bold.click()
    writer.keyboard.type("bengkel listrik")
    bold.click()
    writer.keyboard.type(" bekerja dua bulan.")
    writer.keyboard.press("Enter")
    writer.get_by_role("button", name="Daftar berbutir").click()
    writer.keyboard.type("rangka")
    writer.keyboard.press("Enter")
    writer.keyboard.type("baterai")
    writer.keyboard.press("Enter")
    writer.keyboard.press("Enter")  # out of the list
    writer.keyboard.type("Lihat laman lomba")
    for _letter in "laman lomba":
        writer.keyboard.press("Shift+ArrowLeft")
    writer.get_by_role("button", name="Sisipkan tautan").click()
    dialog = writer.locator("dialog.prose-editor-dialog[open]")
    expect(dialog).to_contain_text("Alamat (URL)")
    dialog.locator("input").first.fill("lomba.example.id")
    shot(writer, "link dialog in Indonesian")
    dialog.get_by_role("button", name="Simpan").click()
    expect(text.locator("h2")).to_have_text("Persiapan lomba")

    writer.fill("#id_tags", "mobil listrik, SMK")
    # The picture: found in the chooser by its caption, shown with a thumbnail.
    writer.locator(".field-featured_image .select2-selection").click()
    writer.locator(".select2-dropdown .select2-search__field").fill("perakitan")
    option = writer.locator(".select2-results__option", has_text="mobil listrik").first
    expect(option.locator("img")).to_be_visible()
    shot(writer, "picture chooser with thumbnails")
    assert violations(writer) == []  # the open chooser too
    option.click()
    writer.locator(".field-speakers .select2-selection").click()
    writer.locator(".field-speakers .select2-search__field").fill(speaker.name.split()[0])
    writer.locator(".select2-results__option", has_text=speaker.name.split()[0]).first.click()
    writer.locator("input[name=_continue]").click()
    expect(writer.locator(".messagelist")).to_be_visible()
    shot(writer, "saved")

    story = Article.objects.get(title=TITLE)
    assert "<h2>Persiapan lomba</h2>" in story.body
    assert "<strong>bengkel listrik</strong>" in story.body
    assert 'href="https://lomba.example.id"' in story.body
    assert "<li><p>baterai</p></li>" in story.body
    assert story.featured_image == picture
    assert sorted(story.tags.names()) == ["SMK", "mobil listrik"]
    assert list(story.speakers.all()) == [speaker]

    with writer.expect_popup() as popup:
        writer.get_by_role("link", name="Pratinjau").click()
    preview = popup.value
    expect(preview.locator("h1")).to_contain_text(TITLE)
    expect(preview.locator("main")).to_contain_text("bengkel listrik")
    shot(preview, "preview")

    writer.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(writer.locator(".messagelist")).to_contain_text("Ditinjau")
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    shot(writer, "submitted")
