"""The transitions: the only code that changes an item's status.

One function per transition. Each locks the item's row, checks the actor's role and
unit and the item's current state, changes status and times, and writes the
append-only log entry in the same transaction. Anything not allowed raises
`WorkflowError` with a message fit to show the user; nothing is changed then.
Publishing a pending copy (see `pending`) merges it into its live item here, in the
same transaction.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.dates import format_when
from newsroom.fields import EARLIEST_YEAR, LATEST_YEAR
from units import roles

from ..models import Status
from . import events, revisions, share_links
from .actions import TRANSITIONS, WorkflowError, refuse
from .log import authors, log


def check(name, item, actor, *, comment="", at=None, for_display=False):
    """Raise WorkflowError unless `actor` may apply transition `name` to `item` now.

    With for_display the comment and time are not asked for yet (the button shows;
    the form behind it asks).
    """
    transition = TRANSITIONS[name]
    if not roles.has_any_role(actor):
        refuse(_("Anda tidak memiliki peran redaksi."))
    if item.copy_of_id is not None and item.status == Status.PUBLISHED:
        refuse(
            _("Salinan tertunda ini sudah diterbitkan ke berita aslinya; tidak ada langkah lanjut.")
        )
    if not roles.may_act(actor, item, transition.roles):
        if not roles.has_any_role(actor, transition.roles):
            refuse(
                _("Peran Anda tidak berwenang untuk “%(action)s”."),
                action=transition.label,
            )
        refuse(_("Konten ini milik unit kerja lain; Anda tidak dapat memprosesnya."))
    if item.status not in transition.sources:
        refuse(
            _("Tindakan “%(action)s” tidak dapat dilakukan pada status %(status)s."),
            action=transition.label,
            status=Status(item.status).label,
        )
    if name == "approve" and settings.NEWSROOM_FOUR_EYES and actor.pk in authors(item):
        refuse(
            _(
                "Prinsip empat mata: Anda tidak dapat menyetujui konten yang Anda tulis, ubah, "
                "atau ajukan. Mintalah redaktur lain menyetujuinya."
            )
        )
    if name in ("publish", "schedule") and not _approved_as_is(item):
        refuse(
            _(
                "Prinsip empat mata: konten ini diubah setelah disetujui. Versi yang "
                "diterbitkan harus disetujui ulang oleh orang lain."
            )
        )
    if item.copy_of_id is not None and name in ("publish", "schedule"):
        if name == "schedule" or (at is not None and at > timezone.now()):
            refuse(
                _(
                    "Salinan tertunda konten yang sudah "
                    "terbit diterbitkan segera, tidak dijadwalkan."
                )
            )
        if item.copy_of.status != Status.PUBLISHED:
            refuse(
                _("Berita aslinya tidak lagi terbit; salinan tertunda ini tidak dapat diterbitkan.")
            )
    if for_display:
        return transition
    if transition.needs_comment and not (comment or "").strip():
        if name == "withdraw":
            refuse(_("Tuliskan alasan penarikan."))
        refuse(_("Tuliskan catatan perbaikan untuk penulis."))
    if at is not None and not EARLIEST_YEAR <= at.year <= LATEST_YEAR:
        refuse(
            _("Masukkan tanggal antara tahun %(earliest)s dan %(latest)s."),
            earliest=EARLIEST_YEAR,
            latest=LATEST_YEAR,
        )
    if name == "schedule" and (at is None or at <= timezone.now()):
        refuse(_("Pilih waktu terbit yang akan datang untuk menjadwalkan."))
    return transition


def _approved_as_is(item):
    """The current version is the one approved (rows approved outside the workflow, by a
    data load, carry no approved version and are taken as they are)."""
    if not settings.NEWSROOM_FOUR_EYES or item.approved_version is None:
        return True
    return item.approved_version == item.version


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
        if name == "approve":
            locked.approved_version = locked.version
            changed.append("approved_version")
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
        if name == "withdraw":
            share_links.revoke_all(locked, actor)
        entry = log(locked, actor, name, from_status, locked.status, comment)
        if locked.copy_of_id is not None and name == "publish":
            _merge_into_live(locked, actor, comment)
        else:
            _announce(name, locked, actor, entry)
    for field in changed:
        setattr(item, field, getattr(locked, field))
    return item


def _announce(name, item, actor, entry):
    """Record the domain events of this step, in its transaction (see `events`)."""
    data = {"log": entry.pk}
    if name in events.BY_TRANSITION:
        events.emit(events.BY_TRANSITION[name], item, key=f"log:{entry.pk}", actor=actor, data=data)
    if name == "publish" and item.publish_at > entry.at:
        # Published with a time to come: a scheduling now, the publication at its time.
        events.emit(events.SCHEDULED, item, key=f"log:{entry.pk}", actor=actor, data=data)
    if name in ("publish", "schedule"):
        events.emit(
            events.PUBLISHED,
            item,
            key=events.publication_key(item.publish_at),
            due_at=item.publish_at,
            actor=actor,
            data=data,
        )


def content_saved(item, actor):
    """After a save of new content: an approved item goes back to review.

    An approval covers one version; whoever changed it afterwards (publishers included)
    needs someone else's fresh approval before it goes live. Called in the saving
    transaction by every route that writes content (the change form, restoring).
    """
    if not settings.NEWSROOM_FOUR_EYES or item.status != Status.APPROVED:
        return item
    model = type(item)
    locked = model.objects.select_for_update().get(pk=item.pk)
    if locked.status != Status.APPROVED:
        return item
    locked.status = Status.IN_REVIEW
    locked.submitted_by = actor
    locked.version += 1
    locked.updated_by = actor
    locked.save(update_fields=["status", "submitted_by", "version", "updated_by", "updated_at"])
    log(locked, actor, "reopen", Status.APPROVED, Status.IN_REVIEW)
    for field in ("status", "submitted_by", "version", "updated_by", "updated_at"):
        setattr(item, field, getattr(locked, field))
    return item


def _refuse_unseen(item, transition):
    """Nobody approves or publishes content they have not seen: it changed meanwhile."""
    who = item.updated_by
    refuse(
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
    live = type(copy).objects.select_for_update().get(pk=copy.copy_of_id)
    revisions.copy_content(copy, live, include_slug=False)
    live.version += 1
    live.updated_by = actor
    live.save()
    revisions.copy_relations(copy, live)
    revisions.record(live, actor)
    entry = log(live, actor, "publish_pending_copy", live.status, live.status, comment)
    # A change to what the public reads; listeners act only on ones marked major.
    events.emit(
        events.CORRECTED,
        live,
        key=f"log:{entry.pk}",
        actor=actor,
        data={"log": entry.pk, "major": False},
    )


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
