"""Old bodies in the editor's form: same words, pictures and links; only the form changes.
`migrate_bodies --dry-run` names each body that would change and changes none."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.models.editor_schema import editor_form
from tests import factories


def test_ckeditor_markup_takes_the_editors_form():
    old = (
        "<p>Jakarta,\n\t<b>Ditjen</b> <i>Diksi</i></p>\n\n"
        "<ul>\n\t<li>satu</li>\n\t<li><p>dua</p></li>\n</ul>\n"
        '<p>Foto: <img alt="Siswa" src="/media/a.jpg"> di bengkel</p>'
        "<blockquote>kutipan</blockquote>"
    )
    assert editor_form(old) == (
        "<p>Jakarta, <strong>Ditjen</strong> <em>Diksi</em></p>"
        "<ul><li><p>satu</p></li><li><p>dua</p></li></ul>"
        '<p>Foto:</p><img src="/media/a.jpg" alt="Siswa"><p>di bengkel</p>'
        "<blockquote><p>kutipan</p></blockquote>"
    )


def test_tables_keep_their_rows_and_their_caption_becomes_a_paragraph():
    old = (
        "<table><caption>Susunan acara</caption><thead><tr><th>Waktu</th></tr></thead>"
        "<tbody><tr><td>09.00 WIB</td></tr></tbody></table>"
    )
    assert editor_form(old) == (
        "<p><strong>Susunan acara</strong></p><table><tbody>"
        "<tr><th><p>Waktu</p></th></tr><tr><td><p>09.00 WIB</p></td></tr></tbody></table>"
    )


def test_the_editors_form_is_stable_and_still_sanitised():
    body = '<p>Isi <a href="https://kemdikbud.go.id" onclick="x()">tautan</a><script>1</script></p>'
    once = editor_form(body)
    assert "onclick" not in once and "script" not in once
    assert editor_form(once) == once
    assert editor_form("") == ""


@pytest.mark.django_db
def test_dry_run_names_each_changing_body_and_changes_nothing():
    changing = factories.article(body="<p>satu\ndua</p>")
    factories.article(body="<p>sudah rapi</p>")
    out = io.StringIO()

    call_command("migrate_bodies", "--dry-run", stdout=out)

    assert f"Berita #{changing.pk} berubah" in out.getvalue()
    assert "1 dari 2 isi berita akan berubah." in out.getvalue()
    assert Article.objects.get(pk=changing.pk).body == "<p>satu\ndua</p>"

    call_command("migrate_bodies", stdout=io.StringIO())
    changing.refresh_from_db()
    assert changing.body == "<p>satu dua</p>"
    assert changing.version == 1
