"""The newest public change of a set of items, read from an index instead of aggregated.

MAX(updated_at) over the published rows reads every one of them; "ORDER BY updated_at
DESC LIMIT 1" walks a partial index (`article_pub_updated_idx`, ...) to its first entry.
`newest()` sends any number of such one-value subqueries in one round trip.
"""

from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef
from taggit.models import TaggedItem

from ..models import Article, Event, EventSpeaker, Section, freshness


def last(queryset, field):
    """The newest `field` in `queryset`, as a one-value subquery for `newest()`."""
    return queryset.order_by(f"-{field}").values(field)[:1]


def changes(queryset):
    """Both moments a public item changes at: its last save and its publication."""
    return {"updated": last(queryset, "updated_at"), "published": last(queryset, "publish_at")}


def newest(**subqueries):
    """{name: value} of one-value querysets, all read by a single SELECT."""
    columns, params = [], []
    for name, queryset in subqueries.items():
        sql, values = queryset.query.sql_with_params()
        columns.append(f"({sql}) AS {connection.ops.quote_name(name)}")
        params.extend(values)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        row = cursor.fetchone()
    return {name: _moment(value) for name, value in zip(subqueries, row, strict=True)}


def _moment(value):
    """SQLite hands a raw subquery's time back in UTC without a zone (text or a naive
    datetime); PostgreSQL as an aware datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


class SiteMoments:
    """The newest public change of each kind of thing the sitemaps list, and of what left
    them: one round trip, once per content generation (they cannot change without moving
    it), so a crawler polling an unchanged site costs the database nothing."""

    def __init__(self):
        self._values = freshness.kept("site-moments", _site_moments)

    def of(self, *groups, left=False):
        """The newest change among `groups` (and what left them, with `left`), or None."""
        kinds = ("updated", "published", "left") if left else ("updated", "published")
        return latest(*(self._values.get(f"{group}|{kind}") for group in groups for kind in kinds))


def _site_moments():
    articles, events = Article.objects.published(), Event.objects.published()
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id=OuterRef("pk")
    )
    quoting = Article.speakers.through.objects.filter(article=OuterRef("pk"))
    groups = {
        "article": articles,
        "event": events,
        # Those that put a tag or speaker page in the sitemap: the newest of these is the
        # newest change among all tag or speaker pages.
        "tagged": articles.filter(Exists(tagged)),
        "quoting": articles.filter(Exists(quoting)),
        "hosting": events.filter(Exists(EventSpeaker.objects.filter(event=OuterRef("pk")))),
        **{section: articles.filter(section=section) for section in Section.values},
    }
    queries = {
        f"{group}|{kind}": query
        for group, queryset in groups.items()
        for kind, query in changes(queryset).items()
    }
    queries["article|left"] = last(Article.objects.departed(), "updated_at")
    queries["event|left"] = last(Event.objects.departed(), "updated_at")
    return newest(**queries)


def latest(*moments):
    """The newest of the given times, to the second as sitemaps and HTTP dates carry them."""
    latest = max((moment for moment in moments if moment is not None), default=None)
    return latest.replace(microsecond=0) if latest else None
