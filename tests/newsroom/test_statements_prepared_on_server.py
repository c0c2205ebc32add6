"""On PostgreSQL a compiled statement is PREPAREd once per connection and EXECUTEd after:
the same rows, one query a call, and a statement the server refuses runs plainly."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from newsroom.statements import Statement
from tests import factories as f

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's PREPARE"),
]


def _prepared_here():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


BY_SLUG = Statement(
    lambda slug, at: Article.objects.published(at).filter(slug=slug).values_list("title")
)


def test_prepared_once_then_executed_with_each_calls_values():
    f.article(title="Pertama", slug="pertama")
    f.article(title="Persen 100%", slug="persen")
    now = timezone.now()

    with CaptureQueriesContext(connection) as first:
        assert BY_SLUG.rows(slug="pertama", at=now) == [("Pertama",)]
    with CaptureQueriesContext(connection) as later:
        assert BY_SLUG.rows(slug="persen", at=now) == [("Persen 100%",)]
        assert BY_SLUG.rows(slug="tidak-ada", at=now) == []

    name = next(iter(BY_SLUG._prepared.values())).server.name
    assert name in _prepared_here()
    # One query a call, the first call's included: the PREPARE is the connection's.
    assert len(first) == 1 and len(later) == 2
    assert all(query["sql"].startswith(f"EXECUTE {name}(") for query in later)
    # Only the call's values are parameters; what published() compares with is in the
    # text, so the server's kept plan can use the partial indexes on published rows.
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE name = %s", [name])
        (text,) = cursor.fetchone()
    assert "'published'" in text and "$2" in text and "$3" not in text


def test_a_statement_the_server_refuses_runs_plainly_and_the_transaction_goes_on():
    f.article(title="Ada", slug="ada")
    # "%s IS NOT NULL": PostgreSQL cannot tell the parameter's type, so PREPARE fails.
    refused = Statement(
        lambda slug: (
            Article.objects.extra(where=["%s IS NOT NULL"], params=[slug])
            .filter(slug="ada")
            .values_list("title")
        )
    )

    with transaction.atomic():
        assert refused.rows(slug="x") == [("Ada",)]
        assert Article.objects.filter(slug="ada").exists()  # not an aborted transaction
        assert refused.rows(slug="y") == [("Ada",)]

    server = next(iter(refused._prepared.values())).server
    assert server.failed and server.name not in _prepared_here()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_connection_prepares_again():
    f.article(title="Sekali lagi", slug="lagi")
    now = timezone.now()
    assert BY_SLUG.rows(slug="lagi", at=now) == [("Sekali lagi",)]

    connection.close()  # as CONN_MAX_AGE or a lost server does

    assert BY_SLUG.rows(slug="lagi", at=now) == [("Sekali lagi",)]
    name = next(iter(BY_SLUG._prepared.values())).server.name
    assert name in _prepared_here()
