"""One definition of "was public": it was in `published()` at some moment.

Pages answer 410 for exactly those items once they leave, and nothing a scheduled item
does before its time moves a public validator.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Event, Status
from tests import factories as f

pytestmark = pytest.mark.django_db


def approved(team, make=f.article):
    return make(status=Status.APPROVED, owner=team["unit"], submitted_by=team["writer"])


def published_yesterday(team, make=f.article):
    item = approved(team, make)
    workflow.publish(item, team["publisher"])
    earlier = timezone.now() - timedelta(days=1)
    type(item).objects.filter(pk=item.pk).update(
        publish_at=earlier, first_published_at=earlier, updated_at=earlier
    )
    item.refresh_from_db()
    return item


VALIDATED = ["syndication:rss", "syndication:atom", "syndication:json", "syndication:sitemap"]


@pytest.mark.parametrize("name", [*VALIDATED, "syndication:agenda_ics"])
def test_scheduling_for_tomorrow_moves_no_public_validator_today(client, team, name):
    published_yesterday(team)
    published_yesterday(team, f.event)
    before = client.get(reverse(name))

    workflow.schedule(approved(team), team["publisher"], at=timezone.now() + timedelta(days=1))
    workflow.schedule(
        approved(team, f.event), team["publisher"], at=timezone.now() + timedelta(days=1)
    )
    after = client.get(reverse(name))

    assert after.get("ETag") == before.get("ETag")
    assert after["Last-Modified"] == before["Last-Modified"]


@pytest.mark.parametrize("make", [f.article, f.event])
def test_scheduled_item_withdrawn_before_its_time_was_never_there(client, team, make):
    item = approved(team, make)
    workflow.schedule(item, team["publisher"], at=timezone.now() + timedelta(days=1))
    workflow.withdraw(item, team["publisher"], reason="Batal")

    assert client.get(item.get_absolute_url()).status_code == 404
    assert not item.was_public
    assert not type(item).objects.departed().filter(pk=item.pk).exists()


@pytest.mark.parametrize("make", [f.article, f.event])
def test_once_public_item_back_in_draft_is_gone_not_missing(client, team, make):
    item = published_yesterday(team, make)
    workflow.withdraw(item, team["publisher"], reason="Salah data")
    assert client.get(item.get_absolute_url()).status_code == 410

    workflow.return_to_draft(item, team["publisher"])

    assert client.get(item.get_absolute_url()).status_code == 410
    assert item.was_public


def test_scheduled_item_counts_as_public_once_its_time_has_come(team):
    item = approved(team)
    workflow.schedule(item, team["publisher"], at=timezone.now() + timedelta(hours=1))

    assert not Article.objects.was_public().filter(pk=item.pk).exists()
    later = timezone.now() + timedelta(hours=2)
    assert Article.objects.was_public(at=later).filter(pk=item.pk).exists()
    assert not Event.objects.was_public(at=later).exists()
