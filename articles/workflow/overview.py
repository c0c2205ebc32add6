"""The desk: what waits on each user, shown on the admin index.

Seven short lists across articles and events, each with its full count and a link to
the whole list: to fix (with the editor's send-back note), coverage asked of me, to
review, to publish, my drafts, scheduled (and when), live today. A fixed number of
queries however much content there is (two per list and model, one for the notes).
"""

from datetime import datetime, time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from newsroom.dates import WIB
from units import roles

from ..models import Article, Event, Revision, Status, TransitionLog
from .actions import SUBMISSIONS

MODELS = (Article, Event)
SHOWN = 5
NOTHING = Q(pk__in=[])


def _submitted_by(user, model):
    """The user's hand is in the item: they may not approve it (see `log.authors`)."""
    kind = ContentType.objects.get_for_model(model, for_concrete_model=False)
    logged = TransitionLog.objects.filter(
        content_type=kind, object_id=OuterRef("pk"), action__in=SUBMISSIONS, actor=user
    )
    saved = Revision.objects.filter(content_type=kind, object_id=OuterRef("pk"), created_by=user)
    created = Q(created_by=user, copy_of__isnull=True)
    return Q(submitted_by=user) | created | Exists(logged) | Exists(saved)


def _start_of_today(now):
    today = timezone.localtime(now, WIB).date()
    return datetime.combine(today, time.min, tzinfo=WIB)


def _sections(user, now, model):
    """(key, title, condition, order, changelist filter) for one model."""
    mine = Q(created_by=user) | Q(submitted_by=user)
    assigned = NOTHING
    if model is Article:
        mine |= Q(assigned_to=user)
        assigned = Q(assigned_to=user, status=Status.DRAFT)
    review = NOTHING
    if roles.has_any_role(user, (roles.EDITOR, roles.PUBLISHER)):
        review = Q(status=Status.IN_REVIEW)
        if settings.NEWSROOM_FOUR_EYES:
            review &= ~_submitted_by(user, model)
    to_publish = Q(status=Status.APPROVED) if roles.is_publisher(user) else NOTHING
    return [
        ("sent_back", _("Perlu saya perbaiki"), Q(status=Status.CHANGES_REQUESTED) & mine,
         "-updated_at", {"status__exact": Status.CHANGES_REQUESTED}),
        ("assigned", _("Liputan untuk saya"), assigned, "due_at", {"status__exact": Status.DRAFT}),
        ("review", _("Menunggu tinjauan saya"), review, "updated_at",
         {"status__exact": Status.IN_REVIEW}),
        ("to_publish", _("Siap diterbitkan"), to_publish, "updated_at",
         {"status__exact": Status.APPROVED}),
        ("drafts", _("Draf saya"),
         Q(status=Status.DRAFT, created_by=user) & ~Q(assigned_to=user)
         if model is Article else Q(status=Status.DRAFT, created_by=user),
         "-updated_at", {"status__exact": Status.DRAFT}),
        ("scheduled", _("Terjadwal"), Q(status=Status.PUBLISHED, publish_at__gt=now),
         "publish_at", {"status__exact": Status.PUBLISHED}),
        ("published", _("Terbit hari ini"),
         Q(status=Status.PUBLISHED, publish_at__lte=now,
           publish_at__gte=_start_of_today(now), copy_of__isnull=True),
         "-publish_at", {"status__exact": Status.PUBLISHED}),
    ]  # fmt: skip


def _when(key, item):
    if key in ("scheduled", "published"):
        return item.publish_at
    if key == "assigned":
        return item.due_at
    return item.updated_at


def _send_back_notes(items):
    """The latest request_changes note of each item, in one query per model."""
    notes = {}
    by_model = {}
    for item in items:
        by_model.setdefault(type(item), []).append(item.pk)
    for model, ids in by_model.items():
        entries = TransitionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            object_id__in=ids,
            action="request_changes",
        ).select_related("actor")
        for entry in entries.order_by("at", "pk"):
            notes[(model, entry.object_id)] = entry
    return notes


def _changelist(model, query):
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    return f"{url}?{urlencode(query)}"


def editorial_overview(user):
    if not roles.has_any_role(user):
        return []
    now = timezone.now()
    result = []
    per_model = [(model, _sections(user, now, model)) for model in MODELS]
    for index, (key, title, _condition, order, query) in enumerate(per_model[0][1]):
        count, found, links = 0, [], []
        for model, sections in per_model:
            condition = sections[index][2]
            if condition == NOTHING:
                continue
            queryset = roles.scope_queryset(user, model.objects.filter(condition))
            if key == "assigned":
                queryset = queryset.select_related("event")
            n = queryset.count()
            count += n
            if n:
                links.append({"label": model._meta.verbose_name_plural,
                              "url": _changelist(model, query), "count": n})  # fmt: skip
                found += list(queryset.order_by(order, "-pk")[:SHOWN])
        notes = _send_back_notes(found) if key == "sent_back" else {}
        rows = [_row(key, item, now, notes.get((type(item), item.pk))) for item in found]
        rows.sort(key=lambda row: row["when"] or now, reverse=order.startswith("-"))
        result.append(
            {"key": key, "title": title, "count": count, "items": rows[:SHOWN], "links": links}
        )
    return result


def _row(key, item, now, note):
    meta = item._meta
    when = _when(key, item)
    return {
        "title": str(item),
        "kind": meta.verbose_name,
        "status": _("Terjadwal") if item.is_scheduled else item.get_status_display(),
        "is_pending_copy": item.copy_of_id is not None,
        "when": when,
        "overdue": key == "assigned" and when is not None and when < now,
        "event": getattr(item, "event", None) if key == "assigned" else None,
        "note": note.comment if note else "",
        "note_by": (note.actor.get_full_name() or note.actor.get_username())
        if note and note.actor
        else "",
        "url": reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk]),
    }
