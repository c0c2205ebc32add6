"""Autosave: one snapshot per person and form, bounded, only for whoever may edit the form,
gone once the form is saved; never a revision."""

import json

import pytest
from django.urls import reverse

from articles.models import FormSnapshot, Revision, Status
from tests import factories as f
from tests.admin.forms import article_data, change_url

pytestmark = pytest.mark.django_db


def url(kind="berita", pk=0):
    return reverse("editorial:autosave", args=[kind, pk])


def save(client, fields, **kw):
    return client.post(url(**kw), {"snapshot": json.dumps(fields)})


def test_a_snapshot_is_kept_per_person_and_read_back(client, team):
    client.force_login(team["writer"])
    assert client.get(url()).json() == {"fields": None}

    assert save(client, {"title": ["Judul setengah jadi"]}).json()["saved"] is True
    assert save(client, {"title": ["Judul yang lebih baik"]}).status_code == 200

    answer = client.get(url()).json()
    assert answer["fields"] == {"title": ["Judul yang lebih baik"]}
    assert "WIB" in answer["when"]
    assert FormSnapshot.objects.count() == 1 and not Revision.objects.exists()

    client.force_login(team["editor"])
    assert client.get(url()).json() == {"fields": None}  # somebody else's


def test_saving_the_form_discards_the_snapshot(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    client.force_login(team["writer"])
    save(client, {"title": ["Belum disimpan"]}, pk=item.pk)
    response = client.post(change_url(item), article_data(item, title="Disimpan"))
    assert response.status_code == 302
    assert not FormSnapshot.objects.exists()


def test_discard_deletes_it(client, team):
    client.force_login(team["writer"])
    save(client, {"title": ["x"]})
    client.delete(url())
    assert not FormSnapshot.objects.exists()


@pytest.mark.parametrize(
    "snapshot",
    ["bukan json", json.dumps(["daftar"]), json.dumps({"body": ["x" * 300_000]}),
     json.dumps({f"f{i}": ["x"] for i in range(500)}), json.dumps({"title": [1]})],
)  # fmt: skip
def test_what_is_not_a_bounded_snapshot_is_refused(client, team, snapshot):
    client.force_login(team["writer"])
    response = client.post(url(), {"snapshot": snapshot})
    assert response.status_code == 400
    assert response.json()["error"]
    assert not FormSnapshot.objects.exists()


def test_only_who_may_edit_the_form_saves(client, team):
    other_unit_item = f.article(status=Status.DRAFT, owner=f.unit())
    published = f.article(status=Status.PUBLISHED, owner=team["unit"])
    client.force_login(team["writer"])
    assert save(client, {"t": ["x"]}, pk=other_unit_item.pk).status_code == 403
    assert save(client, {"t": ["x"]}, pk=published.pk).status_code == 403
    assert save(client, {"t": ["x"]}, kind="lain").status_code == 404
    client.logout()
    assert save(client, {"t": ["x"]}).status_code == 404
    assert not FormSnapshot.objects.exists()


def test_the_form_carries_the_autosave_address_only_when_editable(client, team):
    item = f.article(status=Status.PUBLISHED, owner=team["unit"])
    client.force_login(team["writer"])
    assert url() in client.get(reverse("admin:articles_article_add")).content.decode()
    assert "data-autosave-url" not in client.get(change_url(item)).content.decode()
