"""A change reaches cached pages when it is committed, not before: until then every other
reader keeps the committed page (still true), so each page is rendered once per change,
and the writing transaction's own requests see its rows, never a stored copy."""

import threading

import pytest
from django.db import connection, transaction
from django.test import Client

from articles import workflow
from articles.models import Article, Status
from tests import factories as f

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("page_cache"),
    # Another connection reads while this one holds an open write transaction: SQLite's
    # in-memory test database locks the table instead.
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs two connections"),
]


def from_another_connection(url):
    """GET `url` as a reader elsewhere would: another thread, so another connection."""
    answer = {}

    def read():
        try:
            response = Client().get(url)
            answer.update(status=response.status_code, cache=response.get("X-Cache"))
            answer["body"] = response.content.decode()
        finally:
            connection.close()

    reader = threading.Thread(target=read)
    reader.start()
    reader.join(30)
    return answer


def test_readers_keep_the_committed_page_until_the_publication_commits(team):
    f.article(owner=team["unit"], title="Kabar lama yang sudah terbit")
    fresh = f.article(status=Status.APPROVED, owner=team["unit"], title="Kabar yang baru terbit")
    assert from_another_connection("/")["cache"] == "MISS"
    assert from_another_connection("/")["cache"] == "HIT"

    with transaction.atomic():
        workflow.publish(Article.objects.get(pk=fresh.pk), team["publisher"])
        elsewhere = from_another_connection("/")
        own = Client().get("/")

    assert elsewhere["cache"] == "HIT"  # not purged before the commit: nothing re-rendered
    assert "Kabar yang baru terbit" not in elsewhere["body"]
    assert own.status_code == 200 and "X-Cache" not in own  # neither read nor stored
    assert "Kabar yang baru terbit" in own.content.decode()
    after = from_another_connection("/")
    assert after["cache"] == "MISS" and "Kabar yang baru terbit" in after["body"]
    assert from_another_connection("/")["cache"] == "HIT"


def test_a_rolled_back_publication_leaves_the_pages_and_holds_nothing(team):
    fresh = f.article(status=Status.APPROVED, owner=team["unit"], title="Kabar yang batal")
    from_another_connection("/")

    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.publish(Article.objects.get(pk=fresh.pk), team["publisher"])
        raise RuntimeError("the publisher's request failed")

    assert from_another_connection("/")["cache"] == "HIT"
    own = Client().get("/")
    assert own["X-Cache"] == "HIT" and "Kabar yang batal" not in own.content.decode()
