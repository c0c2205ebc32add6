"""Pending copies: how live content is edited without the public seeing it.

A published item is never edited in place. `start_pending_copy` makes a draft copy
(`copy_of` points at the live row) that runs through the same states; publishing the
copy replaces the live item's content in one transaction and keeps its URL. `restore`
puts an old version's content into the item itself or into such a copy.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import Status
from . import permissions, revisions, transitions
from .actions import WorkflowError, refuse
from .log import log


def pending_copy(item):
    """The live item's draft copy still going through the workflow, if any."""
    if item.pk is None or item.copy_of_id is not None:
        return None
    return (
        type(item)
        .objects.filter(copy_of=item)
        .exclude(status=Status.PUBLISHED)
        .order_by("-pk")
        .first()
    )


def start_pending_copy(live, actor):
    """Open a pending draft copy of a published item, or return the one already open."""
    model = type(live)
    with transaction.atomic():
        live = model.objects.select_for_update().get(pk=live.pk)
        if not permissions.can_revise_live(actor, live):
            refuse(_("Anda tidak dapat menyunting konten yang sudah terbit ini."))
        existing = pending_copy(live)
        if existing is not None:
            return existing
        copy = model(copy_of=live, created_by=actor, updated_by=actor)
        revisions.copy_content(live, copy)
        copy.save()
        revisions.copy_relations(live, copy)
        log(copy, actor, "start_pending_copy", "", copy.status)
    return copy


def restore(revision, item, actor):
    """Put an old version's content into a draft, as a new version.

    The item itself when the actor may edit it; a (new or open) pending copy when the
    item is live. The slug is kept as it is: restoring never moves a URL.
    """
    with transaction.atomic():
        item = type(item).objects.select_for_update().get(pk=item.pk)
        if permissions.can_revise_live(actor, item):
            target = start_pending_copy(item, actor)
            if not permissions.can_edit_content(actor, target):
                raise WorkflowError(_("Salinan tertunda konten ini sedang ditinjau."))
        elif permissions.can_edit_content(actor, item):
            target = item
        else:
            raise WorkflowError(
                _("Konten berstatus %(status)s; kembalikan ke draf sebelum memulihkan versi lama.")
                % {"status": Status(item.status).label}
            )
        target = type(target).objects.select_for_update().get(pk=target.pk)
        write_relations = revisions.apply_snapshot(revision.data, target, include_slug=False)
        target.version += 1
        target.updated_by = actor
        target.save()
        write_relations()
        revisions.record(target, actor)
        transitions.content_saved(target, actor)
    return target
