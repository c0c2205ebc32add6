"""E-mail to the people a transition concerns, through Django's mail API.

Sent after the transaction commits, one message per recipient (addresses are not
shared), never to the person who acted. A mail server that is down is logged and
does not undo or break the transition the user just made.
"""

import contextlib
import contextvars
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.dates import format_when
from units.roles import EDITOR

from ..models import TransitionLog
from .actions import TRANSITIONS

logger = logging.getLogger(__name__)

REVIEW_ACTIONS = ("request_changes", "approve")
_silenced = contextvars.ContextVar("newsroom_notifications_silenced", default=False)


@contextlib.contextmanager
def silenced():
    """Transitions inside send no mail: for the demo loader, whose steps concern nobody."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def unit_editors(item):
    return get_user_model().objects.filter(
        is_active=True,
        is_staff=True,
        groups__name=EDITOR,
        staff_profile__units=item.unit_id,
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


def recipients(item, entry):
    """Who hears about this transition, without the actor."""
    action = entry.action
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


SUBJECTS = {
    "submit": gettext_lazy("[Redaksi] Menunggu tinjauan: %(title)s"),
    "resubmit": gettext_lazy("[Redaksi] Diajukan ulang: %(title)s"),
    "request_changes": gettext_lazy("[Redaksi] Perlu perbaikan: %(title)s"),
    "approve": gettext_lazy("[Redaksi] Disetujui: %(title)s"),
    "publish": gettext_lazy("[Redaksi] Terbit: %(title)s"),
    "schedule": gettext_lazy("[Redaksi] Dijadwalkan terbit: %(title)s"),
}


def _admin_url(item):
    meta = item._meta
    path = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk])
    return settings.SITE_URL + path


def build_message(item, entry, person):
    actor = entry.actor
    actor_name = (actor.get_full_name() or actor.get_username()) if actor else _("sistem")
    lines = [
        _("Yth. %(name)s,") % {"name": person.get_full_name() or person.get_username()},
        "",
        _("%(actor)s: %(action)s — “%(title)s” (%(status)s).")
        % {
            "actor": actor_name,
            "action": TRANSITIONS[entry.action].label,
            "title": str(item),
            "status": entry.get_to_status_display(),
        },
    ]
    if item.publish_at and entry.action in ("publish", "schedule"):
        lines.append(_("Waktu terbit: %(when)s") % {"when": format_when(item.publish_at)})
    if entry.comment:
        lines += ["", _("Catatan:"), entry.comment]
    lines += ["", _("Buka di ruang redaksi: %(url)s") % {"url": _admin_url(item)}]
    # One line whatever the title holds: a line break in a header is refused (and unsent).
    subject = SUBJECTS[entry.action] % {"title": " ".join(str(item).split())[:120]}
    return EmailMessage(subject=subject, body="\n".join(lines), to=[person.email])


def transition_done(item, entry):
    """Mail everyone concerned; the addresses that could not be reached (logged too).

    EMAIL_TIMEOUT bounds how long a slow or silent mail server can hold the request.
    """
    if entry.action not in SUBJECTS or _silenced.get():
        return []
    # In the institution's language, not in the one the acting user reads the admin in:
    # the recipient never chose it.
    with translation.override(settings.LANGUAGE_CODE):
        messages = [build_message(item, entry, person) for person in recipients(item, entry)]
    failed = []
    if not messages:
        return failed
    try:
        connection = get_connection()
        connection.open()
    except Exception:  # the transition stands; the mail server is someone else's outage
        logger.exception("workflow e-mail for %s #%s not sent", item._meta.label, item.pk)
        return [address for message in messages for address in message.to]
    try:
        for message in messages:  # one refused message never stops the others
            try:
                connection.send_messages([message])
            except Exception:
                failed += message.to
                logger.exception(
                    "workflow e-mail for %s #%s to %s not sent",
                    item._meta.label,
                    item.pk,
                    ", ".join(message.to),
                )
    finally:
        connection.close()
    return failed
