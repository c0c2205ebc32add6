"""Mail to the staff a workflow step concerns, from the workflow's domain events.

One message per recipient (addresses are not shared), never to the person who acted, in
the institution's language (the recipient never chose the language the actor reads the
admin in). Queued in the outbox; a worker sends it.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from articles.models import TransitionLog
from articles.workflow import TRANSITIONS, events
from newsroom.dates import format_when
from units.roles import EDITOR

from . import outbox

logger = logging.getLogger(__name__)

# Which step each event reports, for the subject line and who hears of it.
ACTIONS = {
    events.SUBMITTED: "submit",
    events.RESUBMITTED: "resubmit",
    events.SENT_BACK: "request_changes",
    events.APPROVED: "approve",
    events.SCHEDULED: "schedule",
    events.PUBLISHED: "publish",
}
REVIEW_ACTIONS = ("request_changes", "approve")

SUBJECTS = {
    "submit": _("[Redaksi] Menunggu tinjauan: %(title)s"),
    "resubmit": _("[Redaksi] Diajukan ulang: %(title)s"),
    "request_changes": _("[Redaksi] Perlu perbaikan: %(title)s"),
    "approve": _("[Redaksi] Disetujui: %(title)s"),
    "publish": _("[Redaksi] Terbit: %(title)s"),
    "schedule": _("[Redaksi] Dijadwalkan terbit: %(title)s"),
}


def unit_editors(item):
    return get_user_model().objects.filter(
        is_active=True, is_staff=True, groups__name=EDITOR, staff_profile__units=item.unit_id
    )


def writers(item):
    """Who wrote it: whoever created and submitted it, and the article's credited writer."""
    credited = getattr(item, "writer_id", None)
    ids = {pk for pk in (item.submitted_by_id, item.created_by_id, credited) if pk}
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


def earlier_reviewers(item, before):
    ids = (
        TransitionLog.objects.filter(
            content_type_id=before.content_type_id,
            object_id=item.pk,
            action__in=REVIEW_ACTIONS,
            pk__lt=before.pk,
        )
        .exclude(actor=None)
        .values_list("actor_id", flat=True)
    )
    return get_user_model().objects.filter(pk__in=set(ids), is_active=True)


def recipients(item, action, entry):
    """Who hears about this step, without the actor."""
    people = []
    if action in ("submit", "resubmit"):
        people += list(unit_editors(item))
    if action in ("request_changes", "approve", "publish", "schedule"):
        people += list(writers(item))
    if action in ("request_changes", "resubmit"):
        people += list(earlier_reviewers(item, entry))
    seen, result = set(), []
    for person in people:
        if person.pk == entry.actor_id or person.pk in seen or not person.email:
            continue
        seen.add(person.pk)
        result.append(person)
    return result


def _admin_url(item):
    meta = item._meta
    path = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk])
    return settings.SITE_URL + path


def _name(user):
    return user.get_full_name() or user.get_username()


@receiver(events.domain_event)
def mail_staff(sender, event, item, **kwargs):
    action = ACTIONS.get(sender)
    entry = TransitionLog.objects.select_related("actor").filter(pk=event.data.get("log")).first()
    if action is None or entry is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "title": str(item),
            "subject": SUBJECTS[action] % {"title": outbox.one_line(str(item), 120)},
            "actor": _name(entry.actor) if entry.actor else str(_("sistem")),
            "action_label": str(TRANSITIONS[action].label),
            "status": str(item.get_status_display()),
            "when": format_when(item.publish_at) if action in ("publish", "schedule") else "",
            "comment": entry.comment,
            "url": _admin_url(item),
        }
    for person in recipients(item, action, entry):
        try:
            outbox.queue(
                kind="workflow",
                key=f"workflow:{event.pk}:{person.pk}",
                to=person.email,
                template="staff_step",
                context={**context, "name": _name(person)},
                language=settings.LANGUAGE_CODE,
            )
        except outbox.InvalidRecipient as refused:
            # A typo in one account's address must not hold the others' mail back.
            logger.warning("staff mail to user %s not queued: %s", person.pk, refused)
