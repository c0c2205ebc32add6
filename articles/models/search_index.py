"""The stored full-text document of every article, kept current (PostgreSQL only).

A weighted `search_vector` (title A, lead and tags B, body, speakers and units C) built
with the `indonesian` text-search configuration. It is a stored column rewritten by one
UPDATE after every save and every tag/speaker/unit change, because part of it lives in
other tables, which a generated column cannot reach.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Concat
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from units.models import WorkUnit

from . import search_sqlite
from .articles import Article
from .speakers import Speaker

CONFIG = "indonesian"


def is_fulltext():
    return connection.vendor == "postgresql"


def _joined(rows, key, text):
    """One space-joined string of `text` over an article's related rows, as a subquery."""
    return rows.order_by().values(key).annotate(text=StringAgg(text, " ")).values("text")


def _document():
    """The weighted tsvector of an article row, as one SQL expression (for UPDATE)."""
    content_type = ContentType.objects.get_for_model(Article)
    tags = _joined(
        TaggedItem.objects.filter(content_type_id=content_type.pk, object_id=OuterRef("pk")),
        "object_id",
        "tag__name",
    )
    speakers = _joined(
        Article.speakers.through.objects.filter(article_id=OuterRef("pk")),
        "article_id",
        "speaker__name",
    )
    related_units = _joined(
        Article.related_units.through.objects.filter(article_id=OuterRef("pk")),
        "article_id",
        Concat("workunit__name", Value(" "), "workunit__abbreviation"),
    )
    owner = WorkUnit.objects.filter(pk=OuterRef("unit_id")).values(
        text=Concat("name", Value(" "), "abbreviation", output_field=TextField())
    )
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("lead", Subquery(tags), weight="B", config=CONFIG)
        + SearchVector(
            "body",
            Subquery(speakers),
            Subquery(owner),
            Subquery(related_units),
            weight="C",
            config=CONFIG,
        )
    )


def refresh_search_vectors(articles):
    """Rewrite the stored vector of the given articles in one UPDATE (PostgreSQL), or their
    stemmed FTS5 documents (SQLite)."""
    if search_sqlite.available():
        return search_sqlite.refresh(articles)
    if not is_fulltext():
        return 0
    return Article.objects.filter(pk__in=articles.values("pk")).update(search_vector=_document())


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_vectors(Article.objects.filter(pk=instance.pk))


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Article):
        refresh_search_vectors(Article.objects.filter(pk=instance.pk))
    elif reverse and pk_set and sender is not TaggedItem:
        # speaker.articles.add(...) and the like: pk_set holds article ids.
        refresh_search_vectors(Article.objects.filter(pk__in=pk_set))


for _through in (Article.speakers.through, Article.related_units.through, TaggedItem):
    m2m_changed.connect(_m2m_changed, sender=_through, dispatch_uid=f"search_{_through.__name__}")


@receiver(post_save, sender=Speaker, dispatch_uid="search_speaker_saved")
def _speaker_saved(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):
        refresh_search_vectors(Article.objects.filter(speakers=instance))


@receiver(post_save, sender=WorkUnit, dispatch_uid="search_unit_saved")
def _unit_saved(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):
        refresh_search_vectors(Article.objects.filter(Q(unit=instance) | Q(related_units=instance)))


@receiver(post_save, sender=Tag, dispatch_uid="search_tag_saved")
def _tag_saved(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):
        refresh_search_vectors(Article.objects.filter(tags=instance))
