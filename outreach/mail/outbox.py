"""Putting a message in the outbox: render it, check the address, write one row.

The one way anything in the project sends mail. A message is rendered here from three
templates (`<name>.subject.txt`, `<name>.txt`, `<name>.html`) in the recipient's
language, so what the worker sends is exactly what the outbox shows. Headers cannot be
injected by construction: the subject is folded to one line, the recipient is one checked
address, and extra headers come from code under names on a fixed list.
"""

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import OutboxMessage, Suppression
from .delivery import schedule

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


def render(template, context, language):
    """(subject, text, html) of `template` in `language`."""
    with translation.override(language):
        subject = one_line(render_to_string(f"outreach/mail/{template}.subject.txt", context))
        text = render_to_string(f"outreach/mail/{template}.txt", context)
        html = render_to_string(f"outreach/mail/{template}.html", context)
    return subject, text, html


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
    for name, value in headers.items():
        if name not in ALLOWED_HEADERS or "\r" in value or "\n" in value:
            raise ValueError(f"header {name!r} is not one the outbox writes")
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
