"""Indonesian search on SQLite: the same Snowball stemmer as PostgreSQL, over FTS5.

PostgreSQL's `indonesian` text-search configuration is the Snowball Indonesian stemmer;
`snowballstemmer` is the same algorithm in Python. Each article's words (title, lead,
body, tags, speakers, units) are stemmed here and stored in an FTS5 table keyed by the
article's id, so "menyelenggarakan" and "diselenggarakan" both become "selenggara" and
find each other on the default SQLite install too. The table is created by migration
0005 on SQLite only; every save refreshes its rows (see search_index).
"""

import re

import snowballstemmer
from django.db import connection
from django.utils.html import strip_tags

TABLE = "article_search_fts"
_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("indonesian")


def available():
    return connection.vendor == "sqlite"


def stems(text):
    return _STEMMER.stemWords(_WORD.findall((text or "").lower()))


def _document(article):
    parts = [article.title, article.lead, strip_tags(article.body)]
    parts += [tag.name for tag in article.tags.all()]
    parts += [speaker.name for speaker in article.speakers.all()]
    for unit in [article.unit, *article.related_units.all()]:
        parts += [unit.name, unit.abbreviation]
    return " ".join(stems(" ".join(part for part in parts if part)))


def refresh(articles):
    """Rewrite the stored documents of the given articles (a fixed number of queries)."""
    rows = (
        articles.model.objects.filter(pk__in=articles.values("pk"))
        .select_related("unit")
        .prefetch_related("tags", "speakers", "related_units")
    )
    documents = [(article.pk, _document(article)) for article in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(documents), 500):
            chunk = documents[start : start + 500]
            marks = ", ".join("%s" for _ in chunk)
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", [pk for pk, _ in chunk])
            cursor.executemany(f"INSERT INTO {TABLE} (rowid, document) VALUES (%s, %s)", chunk)
    return len(documents)


def match_expression(query_terms):
    """The reader's words as an FTS5 query: every stem must occur (quoted, so no syntax)."""
    words = []
    for term in query_terms:
        if term.startswith("-") or term.lower() == "or":
            continue
        words += stems(term)
    return " ".join(f'"{word}"' for word in words) or None


def matching_ids_sql():
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"
