"""Nothing that is not published and due reaches a public page.

Each non-public item carries its own marker word; no public page may show any of
them, for anonymous visitors and for logged-in readers without staff rights.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import EventSpeaker, Status
from tests import factories as f
from units.roles import EDITOR, PUBLISHER, WRITER

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    home = f.unit()
    speaker = f.speaker()
    editor = f.user(units=[home], groups=[EDITOR])
    publisher = f.user(groups=[PUBLISHER])
    markers, urls = [], []

    def dress(item, marker):
        markers.append(marker)
        if hasattr(item, "speakers") and item._meta.model_name == "article":
            item.speakers.add(speaker)
        else:
            EventSpeaker.objects.create(event=item, speaker=speaker, role="narasumber")
        urls.append(item.get_absolute_url())
        return item

    for make, kind in ((f.article, "berita"), (f.event, "kegiatan")):
        text = {"lead": None} if make is f.article else {"description": None}
        field = next(iter(text))
        for status in Status.values:
            if status == Status.PUBLISHED:
                continue
            marker = f"rahasia{kind}{status.replace('_', '')}"
            dress(
                make(
                    status=status,
                    owner=home,
                    title=f"Judul {marker}",
                    **{field: marker},
                    publish_at=timezone.now() - timedelta(days=1),
                    # withdrawn after it was public: its URL answers 410
                    first_published_at=(
                        timezone.now() - timedelta(days=1) if status == Status.WITHDRAWN else None
                    ),
                ),
                marker,
            )
        marker = f"rahasia{kind}terjadwal"
        dress(
            make(
                owner=home,
                title=f"Judul {marker}",
                **{field: marker},
                publish_at=timezone.now() + timedelta(minutes=5),
            ),
            marker,
        )
        marker = f"rahasia{kind}tanpawaktu"
        dress(make(owner=home, title=f"Judul {marker}", publish_at=None, **{field: marker}), marker)
        live = dress(make(owner=home, title=f"Judul tayang {kind}"), "")
        markers.pop()
        copy = workflow.start_pending_copy(live, editor)
        marker = f"rahasia{kind}revisitertunda"
        type(copy).objects.filter(pk=copy.pk).update(title=f"Judul {marker}", **{field: marker})
        markers.append(marker)
        approved_copy = workflow.start_pending_copy(
            f.article(owner=home) if make is f.article else f.event(owner=home), editor
        )
        marker = f"rahasia{kind}revisidisetujui"
        type(approved_copy).objects.filter(pk=approved_copy.pk).update(
            title=f"Judul {marker}", **{field: marker}
        )
        markers.append(marker)
        workflow.submit(approved_copy, editor)
        workflow.approve(approved_copy, publisher)

    urls += [reverse("articles:home"), home.get_absolute_url(), speaker.get_absolute_url()]
    return markers, sorted(set(urls))


@pytest.mark.parametrize("reader", ["anonymous", "non_staff"])
def test_no_public_page_shows_unpublished_content(client, newsroom, reader):
    markers, urls = newsroom
    assert len(markers) == 18  # 9 non-public situations × articles and events
    if reader == "non_staff":
        client.force_login(f.user(is_staff=False, groups=[WRITER]))
    seen = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404, 410), url
        page = response.content.decode()
        leaked = [m for m in markers if m in page]
        if leaked:
            seen[url] = leaked
    assert seen == {}
    assert any(client.get(u).status_code == 410 for u in urls)  # the withdrawn ones


@pytest.mark.parametrize("who", ["writer", "writer_elsewhere", "editor_elsewhere"])
def test_no_colleague_without_the_right_puts_words_on_shared_things_readers_see(client, who):
    """Crafted admin POSTs to a speaker, a picture and a partner readers see change no
    public page; nor does one to the picture of an approved article, once it is live."""
    from articles.models import Partner

    home, elsewhere = f.unit(), f.unit()
    people = {
        "writer": f.user(units=[home], groups=[WRITER]),
        "writer_elsewhere": f.user(units=[elsewhere], groups=[WRITER]),
        "editor_elsewhere": f.user(units=[elsewhere], groups=[EDITOR]),
    }
    editor = f.user(units=[home], groups=[EDITOR])
    publisher = f.user(groups=[PUBLISHER])
    person = f.speaker(name="Narasumber Asli", owner_unit=home)
    partner = Partner.objects.create(name="Mitra Asli", slug="mitra-asli", owner_unit=home)
    live_photo = f.image(caption="Keterangan asli", owner_unit=home)
    waiting_photo = f.image(caption="Keterangan disetujui", owner_unit=home)
    event = f.event(owner=home)
    event.partners.add(partner)
    EventSpeaker.objects.create(event=event, speaker=person, role="narasumber")
    live = f.article(owner=home, featured_image=live_photo)
    waiting = f.article(status=Status.IN_REVIEW, owner=home, featured_image=waiting_photo)
    workflow.approve(waiting, editor)

    client.force_login(people[who])
    marker = "rahasiapenyusup"
    links = {"links-TOTAL_FORMS": 0, "links-INITIAL_FORMS": 0, "links-MIN_NUM_FORMS": 0}
    client.post(
        reverse("admin:articles_speaker_change", args=[person.pk]),
        {"name": marker, "slug": person.slug, "bio": marker, **links},
    )
    client.post(
        reverse("admin:articles_partner_change", args=[partner.pk]),
        {"name": marker, "slug": partner.slug},
    )
    for photo in (live_photo, waiting_photo):
        client.post(
            reverse("admin:articles_image_change", args=[photo.pk]),
            {"alt_text": marker, "caption": marker, "focal_x": 0.5, "focal_y": 0.5},
        )
    workflow.publish(waiting, publisher)

    client.logout()
    for url in (
        person.get_absolute_url(),
        event.get_absolute_url(),
        live.get_absolute_url(),
        waiting.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert marker not in response.content.decode(), url
