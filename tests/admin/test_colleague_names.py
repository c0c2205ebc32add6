"""Staff see colleagues by name, never by login name: on an item's page (who submitted,
who changed it last, who wrote a correction), in its logs and revisions, on the desk."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Correction, Status
from tests import factories as f
from tests.admin.forms import change_url

pytestmark = pytest.mark.django_db


def test_an_items_page_names_the_people(client, team, settings):
    settings.NEWSROOM_FOUR_EYES = False
    article = f.article(status=Status.DRAFT, owner=team["unit"])
    workflow.apply("submit", article, team["writer"])
    article.refresh_from_db()
    article.updated_by = team["writer"]
    article.save()
    client.force_login(team["editor"])
    html = client.get(change_url(article)).content.decode()
    assert "Rani Astuti" in html
    assert ">rani<" not in html and ">rani (" not in html


def test_a_correction_names_its_author(client, team):
    article = f.article(status=Status.PUBLISHED, owner=team["unit"])
    Correction.objects.create(article=article, text="Nama narasumber diperbaiki.",
                              created_by=team["editor"])  # fmt: skip
    client.force_login(team["editor"])
    html = client.get(change_url(article)).content.decode()
    assert "Agus Prasetyo" in html and ">agus<" not in html


def test_the_desk_names_who_sent_an_item_back(client, team):
    article = f.article(status=Status.IN_REVIEW, owner=team["unit"], created_by=team["writer"])
    workflow.apply("request_changes", article, team["editor"], comment="Perbaiki teras.")
    client.force_login(team["writer"])
    html = client.get(reverse("admin:index")).content.decode()
    assert "Agus Prasetyo" in html and "Perbaiki teras." in html


def test_the_comment_box_says_it_is_required_only_to_who_must_fill_it(client, team):
    article = f.article(status=Status.DRAFT, owner=team["unit"])
    client.force_login(team["writer"])
    html = client.get(change_url(article)).content.decode()
    assert "Catatan (tidak wajib)" in html and "wajib untuk meminta perbaikan" not in html
    in_review = f.article(status=Status.IN_REVIEW, owner=team["unit"], created_by=team["writer"])
    client.force_login(team["editor"])
    html = client.get(change_url(in_review)).content.decode()
    assert "wajib untuk meminta perbaikan" in html
