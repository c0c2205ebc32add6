"""Content snapshots: what an item said at one save, and copying content between a live
item and its pending draft copy (how two snapshots differ is `diff`).

"Content" is everything an author writes (fields, tags, relations, event speakers);
workflow bookkeeping (status, times, version, who submitted) is never part of it, so
restoring an old version or merging a draft copy can never change an item's state.
"""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from taggit.managers import TaggableManager
from taggit.models import Tag

from ..models import EventSpeaker, Revision, Speaker
from ..models.publishable import BOOKKEEPING_FIELDS

EVENT_SPEAKERS = "event_speakers"
TAGS = "tags"


def content_fields(model):
    """What staff write. Bookkeeping and derived columns (the search vector) are not content."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in BOOKKEEPING_FIELDS and not isinstance(f, SearchVectorField)
    ]


def relation_fields(model):
    """Plain many-to-many fields (not tags, not through-models with extra columns)."""
    return [
        f
        for f in model._meta.many_to_many
        if not isinstance(f, TaggableManager) and f.remote_field.through._meta.auto_created
    ]


def _has_tags(model):
    return any(isinstance(f, TaggableManager) for f in model._meta.many_to_many)


def _has_event_speakers(model):
    return any(f.name == "speakers" and f.remote_field.through is EventSpeaker
               for f in model._meta.many_to_many)  # fmt: skip


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def field_values(item):
    """The item's own fields as a snapshot holds them (relations left out): what an
    unsaved instance, such as a form's, says."""
    return {f.name: _jsonable(getattr(item, f.attname)) for f in content_fields(type(item))}


def snapshot(item):
    """The item's content as plain JSON, reading relations from the database."""
    model = type(item)
    data = field_values(item)
    for field in relation_fields(model):
        data[field.name] = sorted(getattr(item, field.name).values_list("pk", flat=True))
    if _has_tags(model):
        data[TAGS] = sorted(item.tags.names())
    if _has_event_speakers(model):
        data[EVENT_SPEAKERS] = [
            [row.speaker_id, row.role, row.order]
            for row in item.event_speakers.order_by("order", "pk")
        ]
    return data


def record(item, actor):
    """Keep the item's current content as a revision (called after every content save)."""
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(item, for_concrete_model=False),
        object_id=item.pk,
        version=item.version,
        data=snapshot(item),
        created_by=actor if getattr(actor, "pk", None) else None,
    )


def revisions_of(item):
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(item, for_concrete_model=False),
        object_id=item.pk,
    ).select_related("created_by")


# --- copying content ---------------------------------------------------------------


def copy_content(source, target, *, include_slug=True):
    """Give `target` (saved afterwards by the caller) the field content of `source`."""
    for field in content_fields(type(source)):
        if field.name == "slug" and not include_slug:
            continue
        setattr(target, field.attname, getattr(source, field.attname))


def copy_relations(source, target):
    """Replace target's tags, many-to-many links and event speakers with source's."""
    model = type(source)
    for field in relation_fields(model):
        getattr(target, field.name).set(getattr(source, field.name).all())
    if _has_tags(model):
        target.tags.set(list(source.tags.names()), clear=True)
    if _has_event_speakers(model):
        rows = [(r.speaker_id, r.role, r.order) for r in source.event_speakers.all()]
        set_event_speakers(target, rows)


def set_event_speakers(event, rows):
    event.event_speakers.all().delete()
    EventSpeaker.objects.bulk_create(
        EventSpeaker(event=event, speaker_id=speaker_id, role=role, order=order)
        for speaker_id, role, order in rows
    )


def apply_snapshot(data, target, *, include_slug=True):
    """Write a revision's content into `target` (fields on the instance, relations saved).

    References to rows deleted since the revision was taken are dropped rather than
    failing the restore; the caller saves `target` before relations are written.
    """
    model = type(target)
    for field in content_fields(model):
        if field.name not in data or (field.name == "slug" and not include_slug):
            continue
        value = data[field.name]
        if field.is_relation and value is not None:
            if not field.related_model._default_manager.filter(pk=value).exists():
                if not field.null:
                    continue
                value = None
        else:
            value = field.to_python(value)
        setattr(target, field.attname, value)
    return lambda: _apply_relations(data, target)


def _apply_relations(data, target):
    model = type(target)
    for field in relation_fields(model):
        if field.name in data:
            existing = field.related_model._default_manager.filter(pk__in=data[field.name])
            getattr(target, field.name).set(existing)
    if _has_tags(model) and TAGS in data:
        target.tags.set(data[TAGS], clear=True)
    if _has_event_speakers(model) and EVENT_SPEAKERS in data:
        known = set(
            Speaker.objects.filter(pk__in=[r[0] for r in data[EVENT_SPEAKERS]]).values_list(
                "pk", flat=True
            )
        )
        set_event_speakers(target, [tuple(r) for r in data[EVENT_SPEAKERS] if r[0] in known])


def instance_from_snapshot(model, data, *, pk):
    """An unsaved instance carrying a revision's content, for rendering only.

    Relations are served from prefetch caches, so templates written for a live
    item (`article.tags.all`, `event.event_speakers.all`) show the pinned version.
    """
    instance = model(pk=pk)
    apply_snapshot(data, instance)
    cache = {}
    for field in relation_fields(model):
        cache[field.name] = _frozen(
            field.related_model._default_manager.filter(pk__in=data.get(field.name, []))
        )
    if _has_tags(model):
        cache[TAGS] = _frozen(Tag.objects.filter(name__in=data.get(TAGS, [])).order_by("name"))
    if _has_event_speakers(model):
        speakers = Speaker.objects.in_bulk([r[0] for r in data.get(EVENT_SPEAKERS, [])])
        rows = [
            EventSpeaker(event=instance, speaker=speakers[s], role=role, order=order)
            for s, role, order in data.get(EVENT_SPEAKERS, [])
            if s in speakers
        ]
        cache[EVENT_SPEAKERS] = _frozen(EventSpeaker.objects.none(), rows)
        cache["speakers"] = _frozen(Speaker.objects.none(), [row.speaker for row in rows])
    instance._prefetched_objects_cache = cache
    return instance


def _frozen(queryset, rows=None):
    queryset._result_cache = list(queryset) if rows is None else list(rows)
    queryset._prefetch_done = True
    return queryset
