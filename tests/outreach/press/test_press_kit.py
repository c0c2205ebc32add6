"""The press kit: full-resolution pictures with caption and credit (one by one and as one
streamed zip), the event with its speakers, the contact person; behind the personal link
before the lift, on the public article page after it, and nowhere public before."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import workflow
from articles.models import EventSpeaker
from articles.workflow import events
from newsroom import statements
from outreach.models import ReleaseMode, ReleaseRecipient
from outreach.press import distribution, downloads, links
from tests import factories as f

from .conftest import approved_article, lift
from .test_press_embargo import wib

pytestmark = pytest.mark.django_db


@pytest.fixture
def kit_release(team, press, smtp, django_capture_on_commit_callbacks):
    """An embargoed release whose article has a featured picture, one in the body, an
    event with two speakers; and one upload that belongs to nothing of it."""
    featured = f.image(caption="Peserta kelas daring", credit="Humas/Rani")
    inline = f.image(alt_text="Layar presentasi", caption="Materi hari pertama")
    stranger = f.image(alt_text="Foto lain")
    event = f.event(owner=team["unit"], title="Kelas Daring Media Sosial", venue="Aula Utama")
    host = f.speaker(name="Dr. Ani Wijaya", position="Kepala Pusat Data")
    guest = f.speaker(name="Budi Santoso")
    EventSpeaker.objects.create(event=event, speaker=host, role="pembicara_kunci", order=0)
    EventSpeaker.objects.create(event=event, speaker=guest, role="moderator", order=1)
    item = approved_article(
        team,
        featured_image=featured,
        event=event,
        body=f'<p>Empat puluh tiga peserta.</p><figure><img src="{inline.file.url}" '
        f'alt="Layar presentasi"></figure>',
    )
    with django_capture_on_commit_callbacks(execute=True):
        release = distribution.distribute(
            item, team["publisher"], lists=[press["list"]], mode=ReleaseMode.EMBARGO,
            embargo_until=wib(10), contact=("Rani Astuti", "rani@kemdikbud.test", "0812 1111"),
        )  # fmt: skip
    item.refresh_from_db()
    sari = ReleaseRecipient.objects.get(email="sari@harian.test")
    return {
        "item": item, "release": release, "featured": featured, "inline": inline,
        "stranger": stranger, "token": links.signed(sari.token), "sari": sari,
    }  # fmt: skip


def unzip(response):
    assert response.streaming and response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def original(image):
    with image.file.storage.open(image.file.name, "rb") as opened:
        return opened.read()


def test_before_the_lift_the_kit_is_behind_the_personal_link_only(client, kit_release, smtp):
    k = kit_release
    page = client.get(reverse("press:personal", args=[k["token"]]))
    html = page.content.decode()
    assert "Bahan pers" in html and "Peserta kelas daring" in html and "Humas/Rani" in html
    assert "Materi hari pertama" in html and "Dr. Ani Wijaya" in html
    assert "Pembicara kunci" in html and "Kepala Pusat Data" in html and "Aula Utama" in html
    assert "rani@kemdikbud.test" in html and "0812 1111" in html
    picture_url = reverse("press:private_picture", args=[k["token"], k["featured"].pk])
    assert picture_url in html
    # One picture at full resolution, as an attachment, never cached.
    single = client.get(picture_url)
    assert single.status_code == 200 and "attachment" in single["Content-Disposition"]
    assert b"".join(single.streaming_content) == original(k["featured"])
    assert "no-store" in single["Cache-Control"]
    # An upload that is not in this kit cannot be fetched through it.
    other = reverse("press:private_picture", args=[k["token"], k["stranger"].pk])
    assert client.get(other).status_code == 404
    # The zip: every picture, numbered, and a text with captions, event, speakers, contact.
    archive = unzip(client.get(reverse("press:private_zip", args=[k["token"]])))
    names = archive.namelist()
    assert names[0] == "keterangan.txt" and len(names) == 3
    assert archive.read(names[1]) == original(k["featured"])
    assert archive.read(names[2]) == original(k["inline"])
    text = archive.read("keterangan.txt").decode()
    assert "EMBARGO: tidak untuk disiarkan sebelum" in text
    assert f"{names[1]}: Peserta kelas daring (Foto: Humas/Rani)" in text
    assert "Kelas Daring Media Sosial" in text and "Aula Utama" in text
    assert "- Dr. Ani Wijaya (Pembicara kunci, Kepala Pusat Data)" in text
    assert "Narahubung: Rani Astuti, rani@kemdikbud.test, 0812 1111" in text
    # The mail links the zip too.
    mail = next(m for m in smtp.messages if m["To"] == "sari@harian.test")
    assert reverse("press:private_zip", args=[k["token"]]) in str(mail)
    # Nothing public: the article page, the public kit, its pictures.
    item = k["item"]
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get(reverse("press:public_zip", args=[item.pk])).status_code == 404
    # Crafted addresses: ids past any integer column, a forged token.
    huge = 10**22
    assert client.get(f"/bahan-pers/{huge}/bahan-pers.zip").status_code == 404
    assert client.get(f"/bahan-pers/{item.pk}/foto/{huge}/").status_code == 404
    assert client.get("/pers/palsu/bahan-pers.zip").status_code == 404
    public_picture = reverse("press:public_picture", args=[item.pk, k["featured"].pk])
    assert client.get(public_picture).status_code == 404
    # A revoked link's kit is gone with it.
    ReleaseRecipient.objects.filter(pk=k["sari"].pk).update(revoked_at=item.publish_at)
    assert client.get(reverse("press:private_zip", args=[k["token"]])).status_code == 404
    assert client.get(picture_url).status_code == 404


def test_after_the_lift_the_kit_is_on_the_public_page_until_a_withdrawal(
    client, kit_release, team, django_capture_on_commit_callbacks
):
    item = lift(kit_release["item"])
    with django_capture_on_commit_callbacks(execute=True):
        events.dispatch_due()
    page = client.get(item.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "Bahan pers" in html
    assert "rani@kemdikbud.test" in html and "Humas/Rani" in html
    zip_url = reverse("press:public_zip", args=[item.pk])
    assert zip_url in html and "/pers/" not in html  # no personal link on a public page
    archive = unzip(client.get(zip_url))
    text = archive.read("keterangan.txt").decode()
    assert "EMBARGO" not in text and "Peserta kelas daring" in text
    picture = reverse("press:public_picture", args=[item.pk, kit_release["inline"].pk])
    assert b"".join(client.get(picture).streaming_content) == original(kit_release["inline"])
    # The personal link's zip now answers with the public kit.
    assert client.get(reverse("press:private_zip", args=[kit_release["token"]])).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(item, team["publisher"], "Data keliru.")
    assert client.get(zip_url).status_code == 404
    assert client.get(picture).status_code == 404


def test_an_article_without_a_release_shows_no_kit(client):
    item = f.article(featured_image=f.image(caption="Tanpa siaran pers"))
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200 and "Bahan pers" not in page.content.decode()
    assert client.get(reverse("press:public_zip", args=[item.pk])).status_code == 404
    # Crafted addresses: ids past any integer column, a forged token.
    huge = 10**22
    assert client.get(f"/bahan-pers/{huge}/bahan-pers.zip").status_code == 404
    assert client.get(f"/bahan-pers/{item.pk}/foto/{huge}/").status_code == 404
    assert client.get("/pers/palsu/bahan-pers.zip").status_code == 404


def test_an_article_page_without_a_release_asks_for_the_newest_release_key_only(client):
    """Most article pages have no release: their question for one selects one column,
    not the release with its article, picture and unit (a wide query to build each time)."""
    item = f.article()
    client.get(item.get_absolute_url())  # warm: content types, sessions
    with CaptureQueriesContext(connection) as captured:
        assert client.get(item.get_absolute_url()).status_code == 200
    queries = [statements.readable(q["sql"]) for q in captured]
    asked = [sql for sql in queries if 'FROM "outreach_release"' in sql]
    assert len(asked) == 1
    selected = asked[0].split(" FROM ", 1)[0]
    assert selected.startswith('SELECT "outreach_release"."id"') and "," not in selected


def test_the_zip_is_bounded_and_names_the_pictures_left_out(client, kit_release, monkeypatch):
    k = kit_release
    monkeypatch.setattr(downloads, "MAX_ZIP_BYTES", downloads.size_of(k["featured"]))
    archive = unzip(client.get(reverse("press:private_zip", args=[k["token"]])))
    assert len(archive.namelist()) == 2  # the text and the first picture
    text = archive.read("keterangan.txt").decode()
    left_out = reverse("press:private_picture", args=[k["token"], k["inline"].pk])
    assert "Unduh terpisah: http" in text and left_out in text


def test_the_kit_pages_pass_the_nu_html_checker(
    client, kit_release, tmp_path, django_capture_on_commit_callbacks
):
    from tests.portal.test_html_validity import OUTDATED_CHECKER_MESSAGES, _vnu

    embargoed = tmp_path / "embargoed.html"
    embargoed.write_bytes(
        client.get(reverse("press:personal", args=[kit_release["token"]])).content
    )
    item = lift(kit_release["item"])
    with django_capture_on_commit_callbacks(execute=True):
        events.dispatch_due()
    public = tmp_path / "public.html"
    public.write_bytes(client.get(item.get_absolute_url()).content)
    assert b"press-kit" in embargoed.read_bytes() and b"press-kit" in public.read_bytes()
    errors = [
        f"{m.get('url', '').rsplit('/', 1)[-1]} line {m.get('lastLine')}: {m.get('message')}"
        for m in _vnu([embargoed, public])
        if m.get("type") != "info" and m.get("message") not in OUTDATED_CHECKER_MESSAGES
    ]
    assert not errors, errors


def test_a_release_of_a_live_article_shows_its_kit_through_the_page_cache(
    client, team, press, page_cache, django_capture_on_commit_callbacks
):
    item = f.article(owner=team["unit"], featured_image=f.image(caption="Foto siaran"))
    assert "Bahan pers" not in client.get(item.get_absolute_url()).content.decode()
    assert "Bahan pers" not in client.get(item.get_absolute_url()).content.decode()  # stored
    with django_capture_on_commit_callbacks(execute=True):
        distribution.distribute(
            item, team["publisher"], lists=[press["list"]], mode=ReleaseMode.WITH_PUBLICATION,
            contact=("Rani", "rani@kemdikbud.test", ""),
        )  # fmt: skip
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Bahan pers" in page and "Foto siaran" in page
