"""What reader search finds each article, event and speaker by, kept current.

Articles: a weighted `search_vector` (title A, lead and tags B, body, speakers and units C)
built with the `indonesian` text-search configuration. It is a stored column rewritten by
one UPDATE after every save and every tag/speaker/unit change, because part of it lives in
other tables, which a generated column cannot reach.

Events and speakers are found by their own columns only (`OWN_FIELDS`), so PostgreSQL
indexes the expression `own_document()` itself (GIN, migration 0012): nothing is stored,
and nothing can go stale. On SQLite every kind has its stemmed FTS5 table
(`search_sqlite`), rewritten here after each save and emptied of a deleted row.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Concat
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.html import strip_tags
from taggit.models import Tag, TaggedItem

from units.models import WorkUnit

from . import search_sqlite
from .articles import Article
from .events import Event
from .speakers import Speaker

CONFIG = "indonesian"
# The columns each kind is found by; migration 0012 indexes the same lists (PostgreSQL).
OWN_FIELDS = {Event: ("title", "description", "venue"), Speaker: ("name", "position")}


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


def own_document(model):
    """An event's or a speaker's tsvector, exactly as its GIN index holds it: a filter on
    this expression is answered from the index."""
    return SearchVector(*OWN_FIELDS[model], config=CONFIG)


def _article_texts(article):
    texts = [article.title, article.lead, strip_tags(article.body)]
    texts += [tag.name for tag in article.tags.all()]
    texts += [speaker.name for speaker in article.speakers.all()]
    for unit in [article.unit, *article.related_units.all()]:
        texts += [unit.name, unit.abbreviation]
    return texts


def _own_texts(item):
    return [getattr(item, field) for field in OWN_FIELDS[type(item)]]


def _refresh_sqlite(objects):
    model = objects.model
    rows = model.objects.filter(pk__in=objects.values("pk"))
    if model is Article:
        rows = rows.select_related("unit").prefetch_related("tags", "speakers", "related_units")
        return search_sqlite.refresh(model, rows, _article_texts)
    return search_sqlite.refresh(model, rows.only("pk", *OWN_FIELDS[model]), _own_texts)


def refresh_search_vectors(objects):
    """Rewrite what search finds the given articles, events or speakers by: the articles'
    stored vector in one UPDATE (PostgreSQL; events and speakers store nothing there), or
    the stemmed FTS5 documents (SQLite)."""
    if search_sqlite.available():
        return _refresh_sqlite(objects)
    if not is_fulltext() or objects.model is not Article:
        return 0
    return Article.objects.filter(pk__in=objects.values("pk")).update(search_vector=_document())


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


def _own_words_changed(sender, update_fields):
    """A save that names its fields (a workflow step writing `status`) may skip the index."""
    return update_fields is None or bool(set(update_fields) & set(OWN_FIELDS[sender]))


@receiver(post_save, sender=Event, dispatch_uid="search_event_saved")
def _event_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and _own_words_changed(sender, update_fields):
        refresh_search_vectors(Event.objects.filter(pk=instance.pk))


@receiver(post_save, sender=Speaker, dispatch_uid="search_speaker_saved")
def _speaker_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if raw:
        return
    if _own_words_changed(sender, update_fields):
        refresh_search_vectors(Speaker.objects.filter(pk=instance.pk))
    if not created:
        refresh_search_vectors(Article.objects.filter(speakers=instance))


def _deleted(sender, instance, **kwargs):
    if search_sqlite.available():
        search_sqlite.forget(sender, instance.pk)


for _model in (Article, Event, Speaker):
    post_delete.connect(_deleted, sender=_model, dispatch_uid=f"search_{_model.__name__}_deleted")


@receiver(post_save, sender=WorkUnit, dispatch_uid="search_unit_saved")
def _unit_saved(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):
        refresh_search_vectors(Article.objects.filter(Q(unit=instance) | Q(related_units=instance)))


@receiver(post_save, sender=Tag, dispatch_uid="search_tag_saved")
def _tag_saved(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):
        refresh_search_vectors(Article.objects.filter(tags=instance))
