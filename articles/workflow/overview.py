"""What waits on each user, shown on the admin index.

Five short lists across articles and events, each with its full count. A fixed number
of queries however much content there is (two per list and model).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units import roles

from ..models import Article, Event, Revision, Status, TransitionLog
from .actions import SUBMISSIONS

MODELS = (Article, Event)
SHOWN = 5
RECENT_DAYS = 7


def _submitted_by(user, model):
    """The user's hand is in the item: they may not approve it (see `log.authors`)."""
    kind = ContentType.objects.get_for_model(model, for_concrete_model=False)
    logged = TransitionLog.objects.filter(
        content_type=kind, object_id=OuterRef("pk"), action__in=SUBMISSIONS, actor=user
    )
    saved = Revision.objects.filter(content_type=kind, object_id=OuterRef("pk"), created_by=user)
    created = Q(created_by=user, draft_of__isnull=True)
    return Q(submitted_by=user) | created | Exists(logged) | Exists(saved)


def _sections(user, now, model):
    mine = Q(created_by=user) | Q(submitted_by=user)
    review_states = []
    if roles.has_any_role(user, (roles.EDITOR, roles.PUBLISHER)):
        review_states.append(Status.IN_REVIEW)
    if roles.is_publisher(user):
        review_states.append(Status.APPROVED)
    review = Q(status__in=review_states)
    if settings.NEWSROOM_FOUR_EYES:
        review &= ~(Q(status=Status.IN_REVIEW) & _submitted_by(user, model))
    return [
        ("drafts", _("Draf saya"), Q(status=Status.DRAFT, created_by=user), "-updated_at"),
        ("sent_back", _("Dikembalikan kepada saya"), Q(status=Status.CHANGES_REQUESTED) & mine,
         "-updated_at"),
        ("review", _("Menunggu tinjauan saya"), review if review_states else Q(pk__in=[]),
         "updated_at"),
        ("scheduled", _("Terjadwal"), Q(status=Status.PUBLISHED, publish_at__gt=now),
         "publish_at"),
        ("published", _("Baru terbit"),
         Q(status=Status.PUBLISHED, publish_at__lte=now,
           publish_at__gte=now - timedelta(days=RECENT_DAYS), draft_of__isnull=True),
         "-publish_at"),
    ]  # fmt: skip


def editorial_overview(user):
    if not roles.has_any_role(user):
        return []
    now = timezone.now()
    result = []
    per_model = [(model, _sections(user, now, model)) for model in MODELS]
    for index, (key, title, _condition, order) in enumerate(per_model[0][1]):
        count, rows = 0, []
        for model, sections in per_model:
            condition = sections[index][2]
            queryset = roles.scope_queryset(user, model.objects.filter(condition))
            count += queryset.count()
            meta = model._meta
            for item in queryset.order_by(order, "-pk")[:SHOWN]:
                rows.append(
                    {
                        "title": str(item),
                        "kind": meta.verbose_name,
                        "status": _("Terjadwal")
                        if item.is_scheduled
                        else item.get_status_display(),
                        "is_revision": item.draft_of_id is not None,
                        "when": item.publish_at
                        if key in ("scheduled", "published")
                        else item.updated_at,
                        "url": reverse(
                            f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk]
                        ),
                    }
                )
        reverse_order = order.startswith("-")
        rows.sort(key=lambda row: row["when"] or now, reverse=reverse_order)
        result.append({"key": key, "title": title, "count": count, "items": rows[:SHOWN]})
    return result
