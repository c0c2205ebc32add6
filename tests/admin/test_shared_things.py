"""Speakers, pictures and partners as a hostile colleague meets them in the admin: what
readers see changes only by the owning unit's editors and publishers, a picture of an
approved or scheduled item not at all, every change is logged, and a renamed speaker's
old address redirects."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import EventSpeaker, Partner, SharedChange, Speaker, Status
from tests import factories as f
from units.roles import WRITER

pytestmark = pytest.mark.django_db


def url(thing, view="change"):
    return reverse(f"admin:articles_{thing._meta.model_name}_{view}", args=[thing.pk])


def speaker_data(speaker, **changes):
    data = {
        "honorific_prefix": speaker.honorific_prefix,
        "name": speaker.name,
        "honorific_suffix": speaker.honorific_suffix,
        "slug": speaker.slug,
        "position": speaker.position,
        "bio": speaker.bio,
        "links-TOTAL_FORMS": 0,
        "links-INITIAL_FORMS": 0,
        "links-MIN_NUM_FORMS": 0,
        "links-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


@pytest.fixture
def cited(team):
    """A speaker on a live event of the team's unit."""
    person = f.speaker(name="Siti Rahma", bio="Peneliti.", owner_unit=team["unit"])
    event = f.event(owner=team["unit"])
    EventSpeaker.objects.create(event=event, speaker=person, role="narasumber")
    return person


@pytest.mark.parametrize("who", ["writer", "editor_elsewhere", "writer_elsewhere"])
def test_a_colleague_cannot_rewrite_a_speaker_readers_see(client, team, cited, who):
    person = team[who] if who in team else f.user(units=[f.unit()], groups=[WRITER])
    client.force_login(person)
    page = client.get(url(cited)).content.decode()
    assert 'name="_save"' not in page and "redaktur unit pemiliknya" in page
    response = client.post(url(cited), speaker_data(cited, name="Nama Palsu", slug="palsu"))
    assert response.status_code == 200 and "redaktur unit pemiliknya" in response.content.decode()
    cited.refresh_from_db()
    assert (cited.name, cited.slug) == ("Siti Rahma", "siti-rahma")
    assert client.post(url(cited, "delete"), {"post": "yes"}).status_code == 403
    assert Speaker.objects.filter(pk=cited.pk).exists()
    assert "Siti Rahma" in client.get(cited.get_absolute_url()).content.decode()


def test_the_owning_editor_renames_logged_and_the_old_address_redirects(client, team, cited):
    old_url = cited.get_absolute_url()
    client.force_login(team["editor"])
    response = client.post(url(cited), speaker_data(cited, name="Siti Rahmawati", slug="siti-r"))
    assert response.status_code == 302
    cited.refresh_from_db()
    assert cited.slug == "siti-r"
    entry = SharedChange.objects.get(object_id=cited.pk, action="change")
    assert entry.actor == team["editor"]
    assert entry.changes["nama"] == ["Siti Rahma", "Siti Rahmawati"]
    assert entry.changes["slug"] == ["siti-rahma", "siti-r"]

    moved = client.get(old_url)
    assert moved.status_code == 301 and moved["Location"] == cited.get_absolute_url()
    assert client.get("/narasumber/tidak-pernah-ada/").status_code == 404
    page = client.get(url(cited)).content.decode()
    assert "Siti Rahmawati" in page and "riwayat perubahan" in page.lower()
    assert "<th>Tindakan</th>" in page and "<td>Diubah</td>" in page  # audit.label("change")


def test_a_new_speaker_belongs_to_its_creators_unit(client, team):
    client.force_login(team["writer"])
    client.post(
        reverse("admin:articles_speaker_add"),
        speaker_data(Speaker(), name="Baru Saja", slug="baru-saja"),
    )
    person = Speaker.objects.get(name="Baru Saja")
    assert person.owner_unit == team["unit"]
    assert SharedChange.objects.filter(object_id=person.pk, action="add").exists()
    client.force_login(f.user(units=[f.unit()], groups=[WRITER]))
    response = client.post(url(person), speaker_data(person, name="Diubah unit lain"))
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.name == "Baru Saja"


def image_data(image, **changes):
    data = {
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "focal_x": image.focal_x,
        "focal_y": image.focal_y,
    }
    data.update(changes)
    return data


def test_an_editor_of_another_unit_cannot_recaption_a_live_articles_photo(client, team):
    photo = f.image(caption="Keterangan asli", owner_unit=team["unit"])
    f.article(owner=team["unit"], featured_image=photo)
    client.force_login(team["editor_elsewhere"])
    response = client.post(url(photo), image_data(photo, caption="Keterangan palsu"))
    assert response.status_code == 200
    photo.refresh_from_db()
    assert photo.caption == "Keterangan asli"
    client.force_login(team["editor"])
    assert client.post(url(photo), image_data(photo, caption="Diperbaiki")).status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Diperbaiki"


@pytest.mark.parametrize("situation", ["approved", "scheduled"])
def test_a_picture_of_an_approved_or_scheduled_item_is_part_of_it(client, team, situation):
    photo = f.image(caption="Yang disetujui", owner_unit=team["unit"])
    if situation == "approved":
        f.article(status=Status.APPROVED, owner=team["unit"], featured_image=photo)
    else:
        later = timezone.now() + timedelta(days=1)
        f.article(owner=team["unit"], featured_image=photo, publish_at=later)
    for who in ("writer", "editor_elsewhere", "editor", "publisher"):
        client.force_login(team[who])
        upload = f.image_upload(color=(10, 10, 10))
        response = client.post(url(photo), image_data(photo, caption="Ganti", file=upload))
        if who == "editor_elsewhere":  # not in their library at all (issue 30)
            assert response.status_code == 302
            continue
        assert response.status_code == 200, who
        assert "persetujuan ulang" in response.content.decode()
    photo.refresh_from_db()
    assert photo.caption == "Yang disetujui"


def test_an_editor_of_another_unit_cannot_rename_a_partner_of_a_live_event(client, team):
    partner = Partner.objects.create(name="Yayasan Asli", slug="yayasan", owner_unit=team["unit"])
    f.event(owner=team["unit"]).partners.add(partner)
    client.force_login(team["editor_elsewhere"])
    data = {"name": "Yayasan Palsu", "abbreviation": "", "slug": "yayasan", "website": ""}
    assert client.post(url(partner), data).status_code == 200
    partner.refresh_from_db()
    assert partner.name == "Yayasan Asli"
    client.force_login(team["publisher"])
    assert client.post(url(partner), data).status_code == 302
    entry = SharedChange.objects.get(object_id=partner.pk, action="change")
    assert entry.actor == team["publisher"] and entry.changes["nama"][1] == "Yayasan Palsu"


def test_deciding_who_may_change_a_speaker_costs_the_same_however_often_cited(client, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    client.force_login(team["editor_elsewhere"])
    client.get(url(f.speaker()))  # warm the per-process caches (content types, session)
    for citations in (1, 25):
        person = f.speaker(owner_unit=team["unit"])
        for _ in range(citations):
            event = f.event(owner=team["unit"])
            EventSpeaker.objects.create(event=event, speaker=person, role="narasumber")
            f.article(owner=team["unit"]).speakers.add(person)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(person)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_history_page_names_colleagues_by_their_names(client, team, cited):
    client.force_login(team["editor"])
    client.post(url(cited), speaker_data(cited, name="Siti Rahmawati"))
    page = client.get(url(cited, "history")).content.decode()
    assert "<td>Agus Prasetyo</td>" in page
    assert "agus (Agus Prasetyo)" not in page  # Django's own shows the login name first
