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
        copy = workflow.start_revision(live, editor)
        marker = f"rahasia{kind}revisitertunda"
        type(copy).objects.filter(pk=copy.pk).update(title=f"Judul {marker}", **{field: marker})
        markers.append(marker)
        approved_copy = workflow.start_revision(
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
