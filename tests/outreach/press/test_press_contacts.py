"""Media contacts and lists belong to a unit: its staff see and edit them, publishers all,
and a colleague of another unit gets nothing, whatever address they type."""

import pytest
from django.urls import reverse

from outreach.models import ListKind, MediaContact, MediaList
from tests import factories as f
from units.roles import WRITER

from .conftest import contact

pytestmark = pytest.mark.django_db


def url(model, view, *args):
    return reverse(f"admin:outreach_{model._meta.model_name}_{view}", args=args)


def test_a_colleague_of_another_unit_sees_and_changes_nothing_of_ours(client, team, press):
    ours = press["contacts"][0]
    client.force_login(team["editor_elsewhere"])
    listing = client.get(url(MediaContact, "changelist"))
    assert listing.status_code == 200 and b"sari@harian.test" not in listing.content
    assert client.get(url(MediaContact, "change", ours.pk)).status_code == 302  # "not found"
    posted = client.post(
        url(MediaContact, "change", ours.pk),
        {"name": "Diubah", "outlet": "X", "email": "x@y.test", "owner_unit": team["unit"].pk},
    )
    assert posted.status_code in (302, 403)
    assert client.post(url(MediaContact, "delete", ours.pk), {"post": "yes"}).status_code in (
        302,
        403,
    )
    ours.refresh_from_db()
    assert ours.name == "Sari"
    assert client.get(url(MediaList, "change", press["list"].pk)).status_code == 302


def test_a_contact_cannot_be_filed_under_another_unit(client, team):
    client.force_login(team["editor_elsewhere"])
    response = client.post(
        url(MediaContact, "add"),
        {
            "owner_unit": team["unit"].pk, "name": "Susup", "outlet": "Harian", "email": "s@h.test",
            "language": "id", "consent_at": "2020-06-01", "consent_method": "form",
        },
    )  # fmt: skip
    assert response.status_code == 200 and "owner_unit" in response.context["adminform"].form.errors
    assert not MediaContact.objects.filter(email="s@h.test").exists()


def test_the_units_own_writer_adds_a_contact_and_a_publisher_sees_every_unit(client, team, press):
    writer = f.user("wati", units=[team["unit"]], groups=[WRITER])
    client.force_login(writer)
    response = client.post(
        url(MediaContact, "add"),
        {
            "owner_unit": team["unit"].pk, "name": "Budi", "outlet": "TV Uji", "beat": "vokasi",
            "email": "Budi@TV.test", "language": "id", "consent_at": "2020-06-01",
            "consent_method": "form", "consent_source": "Formulir acara 25 Juni 2020",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert MediaContact.objects.get(email="budi@tv.test").owner_unit == team["unit"]
    other = contact(f.unit(), "lain@media.test")
    client.force_login(team["publisher"])
    listing = client.get(url(MediaContact, "changelist"))
    assert b"lain@media.test" in listing.content and b"budi@tv.test" in listing.content
    assert other.pk


def test_a_list_by_beat_and_unit_holds_the_matching_contacts_of_its_unit(team):
    unit, followed = team["unit"], f.unit()
    match = contact(unit, "a@x.test", beat="Pendidikan vokasi")
    match.follows.set([followed])
    contact(unit, "b@x.test", beat="Olahraga").follows.set([followed])
    contact(unit, "c@x.test", beat="pendidikan")  # follows nobody
    contact(f.unit(), "d@x.test", beat="pendidikan").follows.set([followed])  # another unit's
    rule = MediaList.objects.create(
        owner_unit=unit, name="Vokasi", kind=ListKind.RULE, beat="pendidikan", follows_unit=followed
    )
    assert [c.email for c in rule.members()] == ["a@x.test"]


def test_one_address_is_one_contact_per_unit(team, press):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        contact(team["unit"], "SARI@harian.test")
    contact(f.unit(), "sari@harian.test")  # another unit keeps its own record
