"""Putting a message in the outbox: render it, check the address, write one row.

The one way anything in the project sends mail. A message is rendered here from three
templates (`<name>.subject.txt`, `<name>.txt`, `<name>.html`) in the recipient's
language, so what the worker sends is exactly what the outbox shows. Headers cannot be
injected by construction: the subject is folded to one line, the recipient is one checked
address, and extra headers come from code under names on a fixed list.
"""

import logging
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import OutboxMessage, Suppression
from .delivery import schedule, schedule_many

logger = logging.getLogger(__name__)

ALLOWED_HEADERS = {"List-Unsubscribe", "List-Unsubscribe-Post", "List-Id", "Precedence"}


class InvalidRecipient(ValueError):
    """Refused before queueing; the message names every address that was wrong."""

    def __init__(self, addresses):
        self.addresses = list(addresses)
        super().__init__(
            _("Alamat e-mail tidak sah: %(addresses)s")
            % {"addresses": ", ".join(repr(a) for a in self.addresses)}
        )


def check_addresses(addresses):
    """Raise InvalidRecipient naming every address in `addresses` that cannot be mailed."""
    bad = []
    for address in addresses:
        text = address if isinstance(address, str) else ""
        if not text or any(ch in text for ch in "\r\n\0,;<>") or len(text) > 254:
            bad.append(address)
            continue
        try:
            validate_email(text)
        except ValidationError:
            bad.append(address)
    if bad:
        raise InvalidRecipient(bad)


def one_line(text, limit=255):
    return " ".join(str(text).split())[:limit]


def _domain():
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _plain(name, context):
    """A text template rendered without HTML escaping: a subject is a header, not HTML
    ("Kelas & luring" must not arrive as "Kelas &amp; luring")."""
    return get_template(name).template.render(Context(context, autoescape=False))


def render(template, context, language):
    """(subject, text, html) of `template` in `language`."""
    with translation.override(language):
        subject = one_line(_plain(f"outreach/mail/{template}.subject.txt", context))
        text = render_to_string(f"outreach/mail/{template}.txt", context)
        html = render_to_string(f"outreach/mail/{template}.html", context)
    return subject, text, html


def _check_headers(headers):
    for name, value in headers.items():
        if name not in ALLOWED_HEADERS or "\r" in value or "\n" in value:
            raise ValueError(f"header {name!r} is not one the outbox writes")


def queue(*, kind, key, to, template, context, language=None, headers=None, bulk=False):
    """Queue one message to one address; the row (existing if `key` was queued before).

    Delivery is enqueued after the caller's transaction commits, so a rolled-back change
    sends nothing. Bulk mail (alerts, digests, press releases) to a suppressed address is
    not queued: None.
    """
    check_addresses([to])
    if bulk and Suppression.covers(to):
        return None
    headers = dict(headers or {})
    _check_headers(headers)
    language = language or settings.LANGUAGE_CODE
    existing = OutboxMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing
    subject, text, html = render(template, {**context, "recipient": to}, language)
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                kind=kind,
                key=key,
                recipient=to,
                language=language,
                subject=subject,
                text=text,
                html=html,
                headers=headers,
                message_id=make_msgid(domain=_domain()),
                next_attempt_at=timezone.now(),
            )
    except IntegrityError:  # the same key queued at the same moment elsewhere
        return OutboxMessage.objects.get(key=key)
    transaction.on_commit(lambda: schedule(message.pk))
    return message


def rendered(*, kind, key, to, language, subject, text, html, headers):
    """An unsaved row for a message rendered elsewhere (a bulk mail's stencil)."""
    _check_headers(headers)
    return OutboxMessage(
        kind=kind, key=key, recipient=to, language=language, subject=one_line(subject),
        text=text, html=html, headers=headers, message_id=make_msgid(domain=_domain()),
    )  # fmt: skip


def queue_rendered(messages):
    """Write many bulk `rendered` rows at once; the rows written.

    Bulk mail's fast path (alerts and digests to thousands): an address that cannot be
    mailed is logged and left out, suppressed addresses are left out (one query), the rest
    are written in one statement per 500 rows and handed to delivery in chunks after the
    caller's transaction commits. A key queued before raises IntegrityError, which rolls
    back the caller's transaction: call it inside one and fall back to `queue` row by row.
    """
    mailable = []
    for message in messages:
        try:
            check_addresses([message.recipient])
        except InvalidRecipient:
            logger.warning("bulk mail %s: address %r left out", message.key, message.recipient)
            continue
        mailable.append(message)
    suppressed = set(
        Suppression.objects.filter(
            address__in=[m.recipient.strip().lower() for m in mailable]
        ).values_list("address", flat=True)
    )
    now = timezone.now()
    rows = [m for m in mailable if m.recipient.strip().lower() not in suppressed]
    for row in rows:
        row.next_attempt_at = now
    created = OutboxMessage.objects.bulk_create(rows, batch_size=500)
    pks = [row.pk for row in created]
    if pks:
        transaction.on_commit(lambda: schedule_many(pks))
    return created
