"""'Dilihat N kali' under an article: a setting, off by default, from the flushed rows."""

import pytest

from outreach.models import DailyReach
from tests import factories as f

from .conftest import beacon, flushed

pytestmark = pytest.mark.django_db


def test_off_by_default(client, settings):
    article = f.article()
    beacon(client, f"a{article.pk}")
    flushed()
    assert "Dilihat" not in client.get(article.get_absolute_url()).content.decode()


def test_the_count_of_flushed_views_in_indonesian_and_english(client, settings):
    settings.NEWSROOM_REACH_SHOW_VIEWS = True
    article = f.article()
    other = f.article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Dilihat 0 kali" in page
    for n in range(3):
        beacon(client, f"a{article.pk}", ip=f"198.51.100.{n}")
    beacon(client, f"a{other.pk}")
    assert (
        "Dilihat 0 kali" in client.get(article.get_absolute_url()).content.decode()
    )  # not flushed
    flushed()
    assert "Dilihat 3 kali" in client.get(article.get_absolute_url()).content.decode()
    english = client.get(f"/en{article.get_absolute_url()}").content.decode()
    assert "Viewed 3 times" in english


def test_thousands_are_grouped_the_indonesian_way(client, settings):
    settings.NEWSROOM_REACH_SHOW_VIEWS = True
    article = f.article()
    DailyReach.objects.create(
        day="2026-06-25",
        kind="article",
        object_id=article.pk,
        language="id",
        channel="direct",
        views=12345,
        visitors=1,
    )
    assert "Dilihat 12.345 kali" in client.get(article.get_absolute_url()).content.decode()
