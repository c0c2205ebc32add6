"""Coverage from the agenda: an editor asks a writer to report on an event.

The result is an ordinary draft article (so every rule of the workflow applies to it
from then on) with the event's unit, date, speakers and link filled in, and an
assignment (`assigned_to`, `due_at`) that the writer's desk and the calendar show.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.dates import format_when, tanggal
from units import roles

from ..models import Article, Status
from ..models.shared import free_slug
from .actions import refuse
from .log import log

SLUG_LENGTH = 120


def writers_for(event):
    """Who may be asked: active staff with an editorial role in the event's unit."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            is_staff=True,
            groups__name__in=roles.ROLES,
            staff_profile__units=event.unit_id,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def may_assign(actor, event):
    return roles.may_act(actor, event, (roles.EDITOR, roles.PUBLISHER))


def open_coverage(event):
    """The articles already asked for or written about this event (originals only)."""
    return Article.objects.originals().filter(event=event).order_by("pk")


def assign(event, actor, writer, due_at):
    """Create the draft coverage article of `event` for `writer`, due at `due_at`."""
    if not may_assign(actor, event):
        refuse(_("Hanya redaktur unit kegiatan ini yang dapat menugaskan liputan."))
    if event.copy_of_id is not None:
        refuse(_("Tugaskan liputan dari kegiatan aslinya, bukan dari revisinya."))
    if not writers_for(event).filter(pk=writer.pk).exists():
        refuse(_("Penulis yang dipilih bukan staf redaksi unit kegiatan ini."))
    if due_at is None or due_at <= timezone.now():
        refuse(_("Pilih tenggat yang akan datang."))
    title = _("Liputan: %(event)s") % {"event": event.title}
    with transaction.atomic():
        article = Article.objects.create(
            title=str(title)[:250],
            slug=free_slug(
                Article.objects.originals(), event.slug or event.title, SLUG_LENGTH, "liputan"
            ),
            unit_id=event.unit_id,
            # The event's date, in the house style, where the writer starts the lead.
            lead=f"{tanggal(event.starts_at)} — ",
            body="",
            event=event,
            writer=writer,
            assigned_to=writer,
            due_at=due_at,
            status=Status.DRAFT,
            created_by=actor,
            updated_by=actor,
        )
        article.speakers.set(event.speakers.all())
        article.related_units.set(event.organisers.all())
        note = _("Liputan untuk %(writer)s, tenggat %(due)s") % {
            "writer": writer.get_full_name() or writer.get_username(),
            "due": format_when(due_at),
        }
        log(article, actor, "assign_coverage", "", article.status, note)
    return article
