"""Pages read keys first hold exactly the rows, in the order, of Django's pages."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from newsroom.paging import KeysFirstPaginator
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed():
    unit = f.unit()
    for n in range(23):
        f.article(owner=unit, title=f"Berita {n:02d}")
    return Article.objects.select_related("unit").order_by("-publish_at", "title", "-pk")


@pytest.mark.parametrize("orphans", [0, 2])
def test_every_page_holds_djangos_rows_in_djangos_order(listed, orphans):
    plain = Paginator(listed, 5, orphans=orphans)
    by_keys = KeysFirstPaginator(listed, 5, orphans=orphans)

    assert by_keys.num_pages == plain.num_pages
    for number in plain.page_range:
        expected = [row.pk for row in plain.page(number)]
        assert [row.pk for row in by_keys.page(number)] == expected


def test_pages_before_keys_from_are_read_whole_and_later_ones_keys_first(listed):
    class FromTheThirdPage(KeysFirstPaginator):
        keys_from = 10

    pages = FromTheThirdPage(listed, 5)
    assert pages.count == 23  # counted once, as a list does before asking for a page

    def queries_for(number):
        with CaptureQueriesContext(connection) as captured:
            rows = list(pages.page(number))
        assert all(row.unit.name for row in rows)  # what select_related read came along
        return len(captured)

    assert queries_for(2) == 1
    assert queries_for(3) == 2
