"""The editorial workflow: the only code that changes an item's status.

One function per transition. Each locks the item's row, checks the actor's role and
unit and the item's current state, changes status and times, and writes the
append-only log entry in the same transaction. Anything not allowed raises
`WorkflowError` with a message fit to show the user; nothing is changed then.

    draft --submit--> in_review --approve--> approved --publish/schedule--> published
                      in_review --request_changes--> changes_requested --resubmit--> in_review
    published --withdraw--> withdrawn --return_to_draft--> draft

A published item is never edited in place: `start_revision` makes a pending draft
copy (`draft_of`) that runs through the same states; publishing the copy replaces
the live item's content in one transaction and keeps its URL.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import revisions, roles
from .models import Status, TransitionLog
from .roles import EDITOR, PUBLISHER, ROLES


class WorkflowError(Exception):
    """A refused transition; `message` is a translatable sentence for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message

    def __str__(self):
        return str(self.message)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    roles: tuple
    needs_comment: bool = False
    needs_time: bool = False


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", _("Ajukan untuk ditinjau"), (Status.DRAFT,), Status.IN_REVIEW, ROLES),
        Transition(
            "request_changes",
            _("Minta perbaikan"),
            (Status.IN_REVIEW,),
            Status.CHANGES_REQUESTED,
            (EDITOR, PUBLISHER),
            needs_comment=True,
        ),
        Transition(
            "resubmit",
            _("Ajukan ulang"),
            (Status.CHANGES_REQUESTED,),
            Status.IN_REVIEW,
            ROLES,
        ),
        Transition(
            "approve", _("Setujui"), (Status.IN_REVIEW,), Status.APPROVED, (EDITOR, PUBLISHER)
        ),
        Transition(
            "publish", _("Terbitkan sekarang"), (Status.APPROVED,), Status.PUBLISHED, (PUBLISHER,)
        ),
        Transition(
            "schedule",
            _("Jadwalkan terbit"),
            (Status.APPROVED,),
            Status.PUBLISHED,
            (PUBLISHER,),
            needs_time=True,
        ),
        Transition(
            "withdraw",
            _("Tarik dari publik"),
            (Status.PUBLISHED,),
            Status.WITHDRAWN,
            (PUBLISHER,),
            needs_comment=True,
        ),
        Transition(
            "return_to_draft",
            _("Kembalikan ke draf"),
            (Status.WITHDRAWN,),
            Status.DRAFT,
            (PUBLISHER,),
        ),
    )
}


OTHER_ACTIONS = {
    "start_revision": _("Revisi dibuka"),
    "publish_revision": _("Revisi diterbitkan"),
    "share_link": _("Tautan pratinjau dibuat"),
    "revoke_share_link": _("Tautan pratinjau dicabut"),
    "add_correction": _("Ralat ditambahkan"),
    "change_correction": _("Ralat diubah"),
    "delete_correction": _("Ralat dihapus"),
}


def action_label(name):
    if name in TRANSITIONS:
        return TRANSITIONS[name].label
    return OTHER_ACTIONS.get(name, name)


def _refuse(message, **params):
    raise WorkflowError(message % params if params else message)


def check(name, item, actor, *, comment="", at=None, for_display=False):
    """Raise WorkflowError unless `actor` may apply transition `name` to `item` now.

    With for_display the comment and time are not asked for yet (the button shows;
    the form behind it asks).
    """
    transition = TRANSITIONS[name]
    if not roles.has_any_role(actor):
        _refuse(_("Anda tidak memiliki peran redaksi."))
    if item.draft_of_id is not None and item.status == Status.PUBLISHED:
        _refuse(_("Revisi ini sudah diterbitkan ke berita aslinya; tidak ada langkah lanjut."))
    if not roles.may_act(actor, item, transition.roles):
        if not roles.has_any_role(actor, transition.roles):
            _refuse(
                _("Peran Anda tidak berwenang untuk “%(action)s”."),
                action=transition.label,
            )
        _refuse(_("Konten ini milik unit kerja lain; Anda tidak dapat memprosesnya."))
    if item.status not in transition.sources:
        _refuse(
            _("Tindakan “%(action)s” tidak dapat dilakukan pada status %(status)s."),
            action=transition.label,
            status=Status(item.status).label,
        )
    if name == "approve" and settings.NEWSROOM_FOUR_EYES and actor.pk in submitters(item):
        _refuse(_("Prinsip empat mata: Anda tidak dapat menyetujui konten yang Anda ajukan."))
    if item.draft_of_id is not None and name in ("publish", "schedule"):
        if name == "schedule" or (at is not None and at > timezone.now()):
            _refuse(_("Revisi konten yang sudah terbit diterbitkan segera, tidak dijadwalkan."))
        if item.draft_of.status != Status.PUBLISHED:
            _refuse(_("Berita aslinya tidak lagi terbit; revisi ini tidak dapat diterbitkan."))
    if for_display:
        return transition
    if transition.needs_comment and not (comment or "").strip():
        if name == "withdraw":
            _refuse(_("Tuliskan alasan penarikan."))
        _refuse(_("Tuliskan catatan perbaikan untuk penulis."))
    if name == "schedule" and (at is None or at <= timezone.now()):
        _refuse(_("Pilih waktu terbit yang akan datang untuk menjadwalkan."))
    return transition


SUBMISSIONS = ("submit", "resubmit")


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


def available(item, actor):
    """The transitions `actor` may press on `item` now (what the admin shows)."""
    result = []
    for name in TRANSITIONS:
        try:
            result.append(check(name, item, actor, for_display=True))
        except WorkflowError:
            continue
    return result


def _aware(at):
    if at is not None and timezone.is_naive(at):
        return timezone.make_aware(at)
    return at


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


def _run(name, item, actor, comment="", at=None, expected_version=None):
    at = _aware(at)
    model = type(item)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=item.pk)
        transition = check(name, locked, actor, comment=comment, at=at)
        if expected_version is not None and locked.version != expected_version:
            _refuse_unseen(locked, transition)
        from_status = locked.status
        now = timezone.now()
        changed = ["status", "version", "updated_by", "updated_at"]
        locked.status = transition.target
        locked.version += 1
        locked.updated_by = actor
        if name in ("submit", "resubmit"):
            locked.submitted_by = actor
            changed.append("submitted_by")
        if name in ("publish", "schedule"):
            locked.publish_at = at if at is not None and at > now else now
            changed.append("publish_at")
            if locked.first_published_at is None:
                locked.first_published_at = locked.publish_at
                changed.append("first_published_at")
        if name == "withdraw" and locked.first_published_at and locked.first_published_at > now:
            # Withdrawn before its time came: it never was public, and its URL never existed.
            locked.first_published_at = None
            changed.append("first_published_at")
        locked.save(update_fields=changed)
        entry = log(locked, actor, name, from_status, locked.status, comment)
        if locked.draft_of_id is not None and name == "publish":
            _merge_into_live(locked, actor, comment)
        from . import notifications

        transaction.on_commit(lambda: notifications.transition_done(locked, entry))
    for field in changed:
        setattr(item, field, getattr(locked, field))
    return item


def _refuse_unseen(item, transition):
    """Nobody approves or publishes content they have not seen: it changed meanwhile."""
    from .preview import format_when

    who = item.updated_by
    _refuse(
        _(
            "Konten ini sudah diubah oleh %(who)s pada %(when)s setelah Anda membukanya. "
            "Baca versi terbaru sebelum “%(action)s”."
        ),
        who=(who.get_full_name() or who.get_username()) if who else _("pengguna lain"),
        when=format_when(item.updated_at),
        action=transition.label,
    )


def apply(name, item, actor, *, comment="", at=None, expected_version=None):
    """Run transition `name` as the admin's buttons do.

    With `expected_version` (the version the actor's page showed) the transition is
    refused when the content changed since.
    """
    if name not in TRANSITIONS:
        raise KeyError(name)
    return _run(name, item, actor, comment, at=at, expected_version=expected_version)


def _merge_into_live(copy, actor, comment):
    """Replace the live item's content with the approved copy's; same row, same URL."""
    live = type(copy).objects.select_for_update().get(pk=copy.draft_of_id)
    revisions.copy_content(copy, live, include_slug=False)
    live.version += 1
    live.updated_by = actor
    live.save()
    revisions.copy_relations(copy, live)
    revisions.record(live, actor)
    log(live, actor, "publish_revision", live.status, live.status, comment)


def submit(item, actor, comment=""):
    return _run("submit", item, actor, comment)


def request_changes(item, actor, comment):
    return _run("request_changes", item, actor, comment)


def resubmit(item, actor, comment=""):
    return _run("resubmit", item, actor, comment)


def approve(item, actor, comment=""):
    return _run("approve", item, actor, comment)


def publish(item, actor, at=None, comment=""):
    """Publish now, or at `at` when that lies in the future (scheduled)."""
    return _run("publish", item, actor, comment, at=at)


def schedule(item, actor, at, comment=""):
    return _run("schedule", item, actor, comment, at=at)


def withdraw(item, actor, reason):
    return _run("withdraw", item, actor, reason)


def return_to_draft(item, actor, comment=""):
    return _run("return_to_draft", item, actor, comment)


def pending_revision(item):
    """The live item's draft copy still going through the workflow, if any."""
    if item.pk is None or item.draft_of_id is not None:
        return None
    return (
        type(item)
        .objects.filter(draft_of=item)
        .exclude(status=Status.PUBLISHED)
        .order_by("-pk")
        .first()
    )


def start_revision(live, actor):
    """Open a pending draft copy of a published item, or return the one already open."""
    model = type(live)
    with transaction.atomic():
        live = model.objects.select_for_update().get(pk=live.pk)
        if not roles.can_revise_live(actor, live):
            _refuse(_("Anda tidak dapat menyunting konten yang sudah terbit ini."))
        existing = pending_revision(live)
        if existing is not None:
            return existing
        copy = model(draft_of=live, created_by=actor, updated_by=actor)
        revisions.copy_content(live, copy)
        copy.save()
        revisions.copy_relations(live, copy)
        log(copy, actor, "start_revision", "", copy.status)
    return copy
