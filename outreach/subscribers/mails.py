"""What every mail to a subscriber carries: links back, why they get it, who sends it.

Bulk mail (alerts, digests, notices) goes out with List-Unsubscribe (https and mailto)
and List-Unsubscribe-Post (RFC 8058), so a mail client's "unsubscribe" button works in
one POST; the outbox skips suppressed addresses for it. Confirmation mail is not bulk:
a reader who once bounced comes back only by confirming again.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ..mail import outbox
from . import tokens


def absolute(name, language, *args):
    with translation.override(language):
        return settings.SITE_URL + reverse(name, args=args)


def mailbox():
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return getattr(settings, "NEWSROOM_UNSUBSCRIBE_MAILBOX", "") or f"unsubscribe@{domain}"


def links(subscriber):
    token = tokens.manage_token(subscriber)
    language = subscriber.language
    return {
        "manage_url": absolute("subscribers:manage", language, token),
        "unsubscribe_url": absolute("subscribers:leave", language, token),
        "unsubscribe_mailto": f"mailto:{mailbox()}?subject=unsubscribe%20{token}",
    }


def footer_context(subscriber):
    return {
        "publisher": settings.NEWSROOM_PUBLISHER_NAME,
        "publisher_address": settings.NEWSROOM_PUBLISHER_ADDRESS,
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_url": settings.SITE_URL,
        "privacy_url": absolute("articles:privacy", subscriber.language),
        **links(subscriber),
    }


def send_bulk(subscriber, *, kind, key, template, context):
    """Queue one bulk mail to a confirmed subscriber; None if the address is suppressed."""
    footer = footer_context(subscriber)
    headers = {
        "List-Unsubscribe": f"<{footer['unsubscribe_url']}>, <{footer['unsubscribe_mailto']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{settings.NEWSROOM_SITE_NAME} <berita.{mailbox().split('@')[1]}>",
        "Precedence": "bulk",
    }
    return outbox.queue(
        kind=kind,
        key=key,
        to=subscriber.email,
        template=template,
        context={**context, **footer, "subscriber": subscriber},
        language=subscriber.language,
        headers=headers,
        bulk=True,
    )


def send_personal(subscriber, *, kind, key, template, context):
    """A mail the reader asked for just now (confirmation): not bulk, not suppressed."""
    return outbox.queue(
        kind=kind,
        key=key,
        to=subscriber.email,
        template=template,
        context={**context, **footer_context(subscriber), "subscriber": subscriber},
        language=subscriber.language,
    )
