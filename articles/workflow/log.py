"""The append-only workflow log: who did what to an item, when, from which state to which.

Entries are only ever created here; nothing updates or deletes them.
"""

from django.contrib.contenttypes.models import ContentType

from ..models import TransitionLog
from .actions import SUBMISSIONS


def log(item, actor, action, from_status, to_status, comment=""):
    return TransitionLog.objects.create(
        content_type=ContentType.objects.get_for_model(item, for_concrete_model=False),
        object_id=item.pk,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "pk", None) else None,
        comment=comment or "",
    )


def history(item):
    """Log entries of the item and of its pending copies, oldest first."""
    ids = [item.pk, *type(item).objects.filter(draft_of=item).values_list("pk", flat=True)]
    return TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(item, for_concrete_model=False),
        object_id__in=ids,
    ).select_related("actor")


def submitters(item):
    """Everyone who ever put this item up for review, not only the latest.

    A colleague may resubmit a sent-back item (its writer may be away); that must not
    free whoever submitted it first to approve their own work.
    """
    logged = TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(item, for_concrete_model=False),
        object_id=item.pk,
        action__in=SUBMISSIONS,
    ).values_list("actor_id", flat=True)
    return {item.submitted_by_id, *logged} - {None}
