"""Indonesian search on SQLite: the same Snowball stemmer as PostgreSQL, over FTS5.

PostgreSQL's `indonesian` text-search configuration is the Snowball Indonesian stemmer;
`snowballstemmer` is the same algorithm in Python. The words of each searched row (an
article's title, lead, body, tags, speakers and units; an event's or a speaker's own
columns) are stemmed here and stored in an FTS5 table of its kind keyed by the row's id,
so "menyelenggarakan" and "diselenggarakan" both become "selenggara" and find each other
on the default SQLite install too. The tables are created by migrations 0008 (articles)
and 0012 (events, speakers) on SQLite only; `search_index` decides what each row's words
are and keeps the rows current on save and delete.
"""

import re

import snowballstemmer
from django.db import connection

_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("indonesian")
_CHUNK = 500


def available():
    return connection.vendor == "sqlite"


def stems(text):
    return _STEMMER.stemWords(_WORD.findall((text or "").lower()))


def table(model):
    """The FTS5 table of a searched kind: `article_search_fts`, `event_search_fts`, ..."""
    return f"{model._meta.model_name}_search_fts"


def document(texts):
    """The stored document: every stem of every non-empty text, space-separated."""
    return " ".join(stems(" ".join(text for text in texts if text)))


def refresh(model, rows, texts):
    """Rewrite the stored documents of `rows` (texts(row) gives a row's words) in a fixed
    number of queries: a DELETE and an INSERT per 500 rows."""
    documents = [(row.pk, document(texts(row))) for row in rows]
    name = table(model)
    with connection.cursor() as cursor:
        for start in range(0, len(documents), _CHUNK):
            chunk = documents[start : start + _CHUNK]
            marks = ", ".join("%s" for _ in chunk)
            cursor.execute(f"DELETE FROM {name} WHERE rowid IN ({marks})", [pk for pk, _ in chunk])
            cursor.executemany(f"INSERT INTO {name} (rowid, document) VALUES (%s, %s)", chunk)
    return len(documents)


def forget(model, pk):
    """A deleted row's document goes with it, so the table never outgrows the rows."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table(model)} WHERE rowid = %s", [pk])


def match_expression(query_terms):
    """The reader's words as an FTS5 query: every stem must occur (quoted, so no syntax)."""
    words = []
    for term in query_terms:
        if term.startswith("-") or term.lower() == "or":
            continue
        words += stems(term)
    return " ".join(f'"{word}"' for word in words) or None


def matching_ids_sql(model):
    name = table(model)
    return f"SELECT rowid FROM {name} WHERE {name} MATCH %s"
