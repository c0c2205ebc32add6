"""published() is the one definition of what the public may see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Event, Status
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model, make", [(Article, f.article), (Event, f.event)])
def test_only_published_items_whose_time_has_passed_are_public(model, make):
    owner = f.unit()
    live = make(owner=owner)
    for status in Status.values:
        if status != Status.PUBLISHED:
            make(status=status, owner=owner, publish_at=timezone.now() - timedelta(days=1))
    make(owner=owner, publish_at=timezone.now() + timedelta(minutes=5))  # scheduled
    make(status=Status.PUBLISHED, owner=owner, publish_at=None)  # never given a time

    assert list(model.objects.published()) == [live]


def test_scheduled_item_becomes_public_when_its_time_comes():
    due = timezone.now() + timedelta(minutes=5)
    item = f.article(publish_at=due)

    assert not Article.objects.published().filter(pk=item.pk).exists()
    assert Article.objects.published(at=due + timedelta(seconds=1)).filter(pk=item.pk).exists()


def test_pending_draft_copy_of_a_live_article_is_never_public():
    live = f.article()
    copy = f.article(owner=live.unit, slug=live.slug, copy_of=live)

    assert list(Article.objects.published()) == [live]
    assert copy not in Article.objects.published()
