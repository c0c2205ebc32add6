"""The preview beside the form: what the form holds, rendered by the public template, for
whoever may edit that form, and nothing written anywhere."""

import pytest
from django.urls import reverse

from articles.models import Article, Event, FormSnapshot, Revision, Speaker, Status
from tests import factories as f
from tests.admin.forms import article_data

pytestmark = pytest.mark.django_db


def url(kind="berita", pk=0):
    return reverse("editorial:live-preview", args=[kind, pk])


def new_article(team, **changes):
    data = article_data(
        Article(unit=team["unit"], title="", slug="", section="berita", body=""), **changes
    )
    del data["expected_version"]
    return data


def test_a_new_article_is_shown_as_typed_and_nothing_is_written(client, team):
    client.force_login(team["writer"])
    response = client.post(
        url(),
        new_article(
            team,
            title="Guru SMK Belajar Menulis Berita",
            lead="Pelatihan menulis berita untuk guru SMK.",
            body="<p>Para guru <strong>berlatih</strong> menulis.</p><script>x()</script>",
            tags="jurnalistik, topik yang belum ada",
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Guru SMK Belajar Menulis Berita" in page
    assert "<strong>berlatih</strong>" in page
    assert "x()" not in page  # the body is sanitised as a save would
    assert "topik yang belum ada" in page
    assert "belum disimpan" in page
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["frame-ancestors"] == "'self'"
    assert not Article.objects.exists()
    assert not Revision.objects.exists() and not FormSnapshot.objects.exists()


def test_an_edit_is_shown_and_the_stored_item_is_unchanged(client, team):
    article = f.article(status=Status.DRAFT, owner=team["unit"], title="Judul tersimpan")
    client.force_login(team["writer"])
    before = (Revision.objects.count(), article.version, article.updated_at)
    response = client.post(url(pk=article.pk), article_data(article, title="Judul baru diketik"))
    assert response.status_code == 200
    assert "Judul baru diketik" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Judul tersimpan"
    assert (Revision.objects.count(), article.version, article.updated_at) == before


def test_a_refused_field_is_named_and_shown_as_stored(client, team):
    article = f.article(status=Status.DRAFT, owner=team["unit"], body="<p>Isi tersimpan.</p>")
    client.force_login(team["writer"])
    foreign = '<p>Isi baru <img src="https://elsewhere.example/x.jpg" alt="x"></p>'
    response = client.post(url(pk=article.pk), article_data(article, body=foreign))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Isi tersimpan." in page and "elsewhere.example" not in page
    assert "belum tampil sebagaimana diketik: Isi berita" in page


def test_an_event_shows_its_speaker_rows_as_typed(client, team):
    event = f.event(status=Status.DRAFT, owner=team["unit"], title="Seminar vokasi")
    speaker = f.speaker("Dr. Ratna Sari")
    client.force_login(team["writer"])
    page = client.get(reverse("admin:articles_event_change", args=[event.pk]))
    data = f.admin_form_data(page, form_id="event_form")
    data.update(
        {
            "title": ["Seminar vokasi nasional"],
            "event_speakers-0-speaker": [str(speaker.pk)],
            "event_speakers-0-role": ["narasumber"],
            "event_speakers-0-order": ["1"],
        }
    )
    response = client.post(url("kegiatan", event.pk), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Seminar vokasi nasional" in page and "Ratna Sari" in page
    assert not event.event_speakers.exists()

    # Two people typed as new (made only by a save) read as two speakers, in their order.
    data.update(
        {
            "event_speakers-TOTAL_FORMS": ["3"],
            "event_speakers-1-new_name": ["Novan Putranto"],
            "event_speakers-1-new_position": ["News Coverage and Social Lead"],
            "event_speakers-1-role": ["narasumber"],
            "event_speakers-1-order": ["2"],
            "event_speakers-2-new_name": ["Ellen Gracia"],
            "event_speakers-2-role": ["moderator"],
            "event_speakers-2-order": ["0"],
        }
    )
    page = client.post(url("kegiatan", event.pk), data).content.decode()
    assert page.index("Ellen Gracia") < page.index("Ratna Sari") < page.index("Novan Putranto")
    assert "News Coverage and Social Lead" in page
    assert not Speaker.objects.filter(name__in=["Novan Putranto", "Ellen Gracia"]).exists()
    assert Event.objects.get(pk=event.pk).title == "Seminar vokasi"


def test_only_who_may_edit_the_form_sees_it(client, team):
    article = f.article(status=Status.DRAFT, owner=team["unit"])
    data = article_data(article, title="Bocoran")
    assert client.post(url(pk=article.pk), data).status_code == 302  # to the login
    client.force_login(team["editor_elsewhere"])
    assert client.post(url(pk=article.pk), data).status_code == 404  # another unit's
    in_review = f.article(status=Status.IN_REVIEW, owner=team["unit"])
    client.force_login(team["writer"])
    assert client.post(url(pk=in_review.pk), article_data(in_review)).status_code == 404
    assert client.get(url(pk=article.pk)).status_code == 405
    assert client.post(url("lain", article.pk), data).status_code == 404
    assert client.post(url(pk=2**62), data).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": "x" * 100_000, "body": "<p>" * 5_000, "unit": "bukan angka"},
        {"tags": "a," * 10_000, "speakers": ["x", "-1"], "event": "99999999999999999999"},
        {"corrections-TOTAL_FORMS": "abc"},
    ],
    ids=["empty", "huge", "nonsense", "broken-management-form"],
)
def test_crafted_posts_never_fail(client, team, data):
    client.force_login(team["writer"])
    assert client.post(url(), data).status_code == 200
    assert not Article.objects.exists()
