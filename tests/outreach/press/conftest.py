"""A unit with three journalists on one list, and an article ready to distribute."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from articles.models import DomainEvent, Status
from articles.workflow import events
from outreach.models import ConsentMethod, MediaContact, MediaList
from tests import factories as f


def contact(unit, email, name="Wartawan", outlet="Harian Uji", language="id", **extra):
    return MediaContact.objects.create(
        owner_unit=unit,
        name=name,
        outlet=outlet,
        beat=extra.pop("beat", "pendidikan"),
        email=email,
        language=language,
        consent_at=date(2020, 6, 1),
        consent_method=ConsentMethod.IN_PERSON,
        **extra,
    )


@pytest.fixture
def press(team):
    unit = team["unit"]
    people = [
        contact(unit, "sari@harian.test", name="Sari", outlet="Harian Kota"),
        contact(unit, "tono@radio.test", name="Tono", outlet="Radio Suara"),
        contact(unit, "jane@wire.test", name="Jane", outlet="Wire", language="en"),
    ]
    media_list = MediaList.objects.create(owner_unit=unit, name="Wartawan pendidikan")
    media_list.contacts.set(people)
    return {"contacts": people, "list": media_list}


def approved_article(team, **extra):
    extra.setdefault("body", "<p>Empat puluh tiga peserta mengikuti kelas daring.</p>")
    item = f.article(
        status=Status.APPROVED,
        owner=team["unit"],
        created_by=team["writer"],
        title="Kelas daring pengelolaan media sosial",
        **extra,
    )
    item.approved_version = item.version
    item.save()
    return item


def lift(item):
    """Time passes: the embargoed item's publication time is now in the past."""
    item.refresh_from_db()
    at = timezone.now() - timedelta(seconds=5)
    type(item).objects.filter(pk=item.pk).update(publish_at=at, first_published_at=at)
    DomainEvent.objects.filter(kind=events.PUBLISHED, object_id=item.pk).update(
        key=events.publication_key(at), due_at=at
    )
    item.refresh_from_db()
    return item
