"""The append-only workflow log: who did what to an item, when, from which state to which.

Entries are only ever created here; nothing updates or deletes them.
"""

from django.contrib.contenttypes.models import ContentType

from ..models import Revision, Status, TransitionLog
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
    ids = [item.pk, *type(item).objects.filter(copy_of=item).values_list("pk", flat=True)]
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


def authors(item):
    """Everyone whose hand is in the item's text: who created it, saved a version of it
    (writing, copy-editing, restoring) or put it up for review. None of them may approve
    it: the approval must come from someone who only read it."""
    saved = Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(item, for_concrete_model=False),
        object_id=item.pk,
    ).values_list("created_by_id", flat=True)
    # A pending copy's creator only opened it with the live text; what they then wrote
    # is among the saved versions.
    creator = item.created_by_id if item.copy_of_id is None else None
    return {creator, *submitters(item), *saved} - {None}


def open_change_request(item):
    """The editor's latest request for changes while the item still waits on its writer.

    None once the item was resubmitted (or moved on any other way).
    """
    if item.pk is None or item.status != Status.CHANGES_REQUESTED:
        return None
    return last_sent_back(item)


def last_sent_back(item):
    """The latest request for changes on the item, whatever happened since (None if it
    was never sent back): what the editor saw then is what a second reading compares to."""
    if item.pk is None:
        return None
    return (
        TransitionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(item, for_concrete_model=False),
            object_id=item.pk,
            action="request_changes",
        )
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
