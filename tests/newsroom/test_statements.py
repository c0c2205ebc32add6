"""A queryset compiled once (newsroom/statements.py) answers each call with that call's
values, never the first call's, and refuses to freeze a value that is not an argument."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from newsroom.statements import Statement, StatementError
from tests import factories as f

pytestmark = pytest.mark.django_db


def _by_slug(slug, at):
    return Article.objects.published(at).filter(slug=slug).values_list("title", "pk")


BY_SLUG = Statement(_by_slug)


def test_each_call_binds_its_own_values_into_the_one_compiled_query():
    first = f.article(title="Pertama", slug="pertama")
    f.article(title="Kedua", slug="kedua")
    now = timezone.now()

    assert BY_SLUG.rows(slug="pertama", at=now) == [("Pertama", first.pk)]
    with CaptureQueriesContext(connection) as captured:
        assert BY_SLUG.rows(slug="kedua", at=now)[0][0] == "Kedua"
        assert BY_SLUG.rows(slug="tidak-ada", at=now) == []
    assert len(captured) == 2
    assert captured[0]["sql"] == captured[1]["sql"].replace("tidak-ada", "kedua")


def test_time_is_an_argument_so_a_scheduled_item_appears_when_its_time_comes():
    at = timezone.now() + timedelta(hours=1)
    f.article(title="Terjadwal", slug="terjadwal", publish_at=at)

    assert BY_SLUG.rows(slug="terjadwal", at=timezone.now()) == []
    assert BY_SLUG.rows(slug="terjadwal", at=at + timedelta(seconds=1))[0][0] == "Terjadwal"


def test_lists_are_bound_item_by_item_and_an_empty_one_finds_nothing():
    one, two = f.article(title="Satu"), f.article(title="Dua")
    by_keys = Statement(lambda keys: Article.objects.filter(pk__in=keys).values_list("title"))

    assert sorted(by_keys.rows(keys=[one.pk, two.pk])) == [("Dua",), ("Satu",)]
    assert by_keys.rows(keys=[two.pk, one.pk + two.pk + 1000]) == [("Dua",)]
    assert by_keys.rows(keys=[]) == []


def test_a_time_read_inside_the_query_is_refused_not_frozen():
    f.article(slug="sekarang")
    frozen = Statement(lambda slug: Article.objects.published().filter(slug=slug).values_list("pk"))

    with pytest.raises(StatementError, match="frozen"):
        frozen.rows(slug="sekarang")


def test_an_argument_the_query_does_not_use_is_refused():
    unused = Statement(lambda slug: Article.objects.filter(pk=1).values_list("pk"))

    with pytest.raises(StatementError, match="slug"):
        unused.rows(slug="apa-saja")


def test_columns_come_back_in_the_order_asked_with_annotations_converted():
    from django.db.models import F, JSONField, Value
    from django.db.models.functions import Cast

    item = f.article(title="Berurutan")
    annotated = Statement(
        lambda key: (
            Article.objects.filter(pk=key)
            .annotate(facts=Cast(Value('{"a": [1]}'), JSONField()), same=F("title"))
            .values_list("facts", "pk", "same")
        )
    )

    assert annotated.rows(key=item.pk) == [({"a": [1]}, item.pk, "Berurutan")]


def test_an_argument_that_would_become_sql_text_is_refused():
    sliced = Statement(lambda top: Article.objects.order_by("pk").values_list("pk")[:top])

    with pytest.raises(StatementError, match="SQL text"):
        sliced.rows(top=12)
