"""The seed's press release (shared/reference/example-press-release.txt) entered as a writer
does it, from the desk to "submitted for review", in at most 15 clicks (25 before issue 27):
text pasted and its doubled dateline and initials fixed, a new picture uploaded with its
focal point from the article form, topics, credits, the linked event.

Every press of the mouse is counted: buttons, links, choosers, the file dialog, the
focal point, and each click into a text field. Typing, Tab and Enter are not clicks.
"""

import io
import json
from pathlib import Path

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.models import Article, Status

pytestmark = pytest.mark.django_db(transaction=True)

RELEASE = Path("/work/shared/reference/example-press-release.txt")
BUDGET = 15


class Clicks:
    """Clicks through this, and only this, so the count is the journey's."""

    def __init__(self):
        self.count = 0

    def click(self, locator, **kwargs):
        self.count += 1
        locator.click(**kwargs)


def _release():
    title, *paragraphs = [p.strip() for p in RELEASE.read_text(encoding="utf-8").split("\n\n")]
    return title, [p for p in paragraphs if p]


def _paste(tab, html, text):
    """What the browser does on Ctrl+V with a copied document: a paste event carrying it."""
    tab.evaluate(
        """([html, text]) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", text);
            const target = document.querySelector(".prose-editor .tiptap[contenteditable]");
            target.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        [html, text],
    )


def _photo(path):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (12, 45, 94)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def _choose(clicks, tab, field, words):
    """A chooser: one click opens it, the words are typed, Enter takes the first match."""
    clicks.click(tab.locator(f".field-{field} .select2-selection"))
    tab.keyboard.type(words)
    expect(tab.locator(".select2-results__option--highlighted")).to_contain_text(words)
    tab.keyboard.press("Enter")


def test_the_seed_release_is_submitted_in_fifteen_clicks(staff, live_server, demo, shot, tmp_path):
    title, paragraphs = _release()
    photo = _photo(tmp_path / "kelas-daring.jpg")
    clicks = Clicks()
    writer = staff("penulis")
    writer.goto(f"{live_server.url}/admin/")  # the desk

    clicks.click(writer.get_by_role("link", name="Tulis berita"))
    expect(writer.locator("#id_title")).to_be_focused()  # the page puts the cursor there
    writer.keyboard.type(title)
    clicks.click(writer.locator("#id_lead"))
    writer.keyboard.type(
        "Dit. Mitras DUDI dan CNBC Indonesia membekali 43 pengelola media sosial "
        "Kemendikbud dalam kelas daring."
    )
    clicks.click(writer.locator(".prose-editor .tiptap[contenteditable]"))
    html = "".join(f"<p>{json.dumps(p)[1:-1]}</p>" for p in paragraphs)
    _paste(writer, html, "\n\n".join(paragraphs))
    checks = writer.locator(".review-checks")
    clicks.click(checks.locator("[data-check=dateline]").get_by_role("button", name="Perbaiki"))
    expect(checks.locator("[data-check=dateline]")).to_have_count(0)
    clicks.click(checks.locator("[data-check=initials]").get_by_role("button", name="Perbaiki"))
    expect(checks.locator("[data-check=initials]")).to_have_count(0)

    # The picture: uploaded from the article form, its focal point set before it is sent.
    with writer.expect_popup() as opened:
        clicks.click(writer.locator("#add_id_featured_image"))
    upload = opened.value
    upload.wait_for_load_state()
    with upload.expect_file_chooser() as chooser:
        clicks.click(upload.locator("#id_file"))
    chooser.value.set_files(str(photo))
    clicks.click(upload.locator("#id_alt_text"))
    upload.keyboard.type("Peserta kelas daring pengelolaan media sosial di layar konferensi video")
    picture = upload.locator(".focal-preview img")
    expect(picture).to_be_visible()
    size = picture.bounding_box()
    clicks.click(picture, position={"x": size["width"] * 0.3, "y": size["height"] * 0.25})
    shot(upload, "focal point set before the upload")
    with upload.expect_event("close"):
        clicks.click(upload.locator("input[name=_save]"))
    expect(writer.locator(".field-featured_image .select2-selection")).to_contain_text(
        "Peserta kelas daring"
    )

    clicks.click(writer.locator("#id_tags"))
    writer.keyboard.type("media sosial, CNBC Indonesia, kelas daring")
    _choose(clicks, writer, "editor", "Andi")
    _choose(clicks, writer, "photographer", "Dimas")
    _choose(clicks, writer, "event", "Pengelolaan Media Sosial")
    shot(writer, "the release entered")
    clicks.click(writer.get_by_role("button", name="Simpan dan ajukan untuk ditinjau"))
    expect(writer.locator(".messagelist")).to_contain_text("Ditinjau")
    shot(writer, "submitted")

    story = Article.objects.get(title=title)
    assert story.status == Status.IN_REVIEW
    assert not story.body.startswith("<p>Jakarta, Ditjen Diksi")
    assert "(Diksi/RA/AP/DE)" not in story.body
    assert "Specific, Measureable, Attainable" in story.body
    assert story.body.count("<p>") == len(paragraphs)
    image = story.featured_image
    assert (image.width, image.height) == (1600, 900)
    assert (round(image.focal_x, 1), round(image.focal_y, 2)) == (0.3, 0.25)
    assert sorted(story.tags.names()) == ["CNBC Indonesia", "kelas daring", "media sosial"]
    assert (story.writer.username, story.editor.username) == ("penulis", "redaktur")
    assert story.photographer.username == "fotografer"
    assert story.event.slug and "Media Sosial" in story.event.title
    assert clicks.count <= BUDGET, clicks.count
