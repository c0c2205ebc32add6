"""What every mail to a subscriber carries: links back, why they get it, who sends it.

Bulk mail (alerts, digests, notices) goes out with List-Unsubscribe (https and mailto)
and List-Unsubscribe-Post (RFC 8058), so a mail client's "unsubscribe" button works in
one POST; the outbox skips suppressed addresses for it. Confirmation mail is not bulk:
a reader who once bounced comes back only by confirming again.

Bulk mail is rendered once per (mail, language) as a `Stencil`: the templates see
placeholders where the reader's own address and links go, and each copy is the stencil
with those filled in, so a send to 50,000 renders a handful of templates, not 150,000.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from ..mail import outbox
from . import tokens

# Per-reader values; everything else in a bulk mail is the same for every reader of a
# language. A placeholder is letters only, so no template filter or escaping alters it.
PER_READER = ("recipient", "manage_url", "unsubscribe_url", "unsubscribe_mailto")
PLACEHOLDERS = {name: f"NRSLOT{name.replace('_', '').upper()}NRSLOT" for name in PER_READER}
TOKEN_SLOT = "NRSLOTTOKENNRSLOT"


def absolute(name, language, *args):
    with translation.override(language):
        return settings.SITE_URL + reverse(name, args=args)


def mailbox():
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return getattr(settings, "NEWSROOM_UNSUBSCRIBE_MAILBOX", "") or f"unsubscribe@{domain}"


def unsubscribe_subject(token):
    """The subject of the mailto unsubscribe: the inbound webhook reads the token back."""
    return f"unsubscribe {token}"


def links(subscriber):
    token = tokens.manage_token(subscriber)
    language = subscriber.language
    return {
        "manage_url": absolute("subscribers:manage", language, token),
        "unsubscribe_url": absolute("subscribers:leave", language, token),
        "unsubscribe_mailto": f"mailto:{mailbox()}?subject=unsubscribe%20{token}",
    }


def shared_footer(language):
    """The footer's parts that are the same for every reader of `language`."""
    return {
        "publisher": settings.NEWSROOM_PUBLISHER_NAME,
        "publisher_address": settings.NEWSROOM_PUBLISHER_ADDRESS,
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_url": settings.SITE_URL,
        "privacy_url": absolute("articles:privacy", language),
    }


def footer_context(subscriber):
    return {**shared_footer(subscriber.language), **links(subscriber)}


def bulk_headers(values):
    return {
        "List-Unsubscribe": f"<{values['unsubscribe_url']}>, <{values['unsubscribe_mailto']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{settings.NEWSROOM_SITE_NAME} <berita.{mailbox().split('@')[1]}>",
        "Precedence": "bulk",
    }


class Stencil:
    """One bulk mail rendered once for every reader of `language`; `fill` makes a copy."""

    def __init__(self, template, context, language):
        self.language = language
        full = {**context, **shared_footer(language), **PLACEHOLDERS}
        self.subject, self.text, self.html = outbox.render(template, full, language)

    def links(self, subscriber):
        """`links(subscriber)`, with the addresses reversed once per stencil, not per reader
        (a token is URL-safe: reverse() would write it unchanged)."""
        if not hasattr(self, "_addresses"):
            self._addresses = {
                name: absolute(f"subscribers:{view}", self.language, TOKEN_SLOT)
                for name, view in (("manage_url", "manage"), ("unsubscribe_url", "leave"))
            }
        token = tokens.manage_token(subscriber)
        found = {name: url.replace(TOKEN_SLOT, token) for name, url in self._addresses.items()}
        found["unsubscribe_mailto"] = f"mailto:{mailbox()}?subject=unsubscribe%20{token}"
        return found

    def fill(self, subscriber):
        """(subject, text, html, headers) for one reader: their address and links put in."""
        values = {"recipient": subscriber.email, **self.links(subscriber)}
        subject, text, html = self.subject, self.text, self.html
        for name, placeholder in PLACEHOLDERS.items():
            subject = subject.replace(placeholder, values[name])
            text = text.replace(placeholder, values[name])
            html = html.replace(placeholder, escape(values[name]))
        return outbox.one_line(subject), text, html, bulk_headers(values)


class Stencils:
    """Stencils made on first use, one per (what, language): `get(what, language)`."""

    def __init__(self, make):
        self.make = make  # (what, language) -> (template, context)
        self.made = {}

    def get(self, what, language):
        if (what, language) not in self.made:
            template, context = self.make(what, language)
            self.made[(what, language)] = Stencil(template, context, language)
        return self.made[(what, language)]


def bulk_message(subscriber, stencil, *, kind, key):
    """An unsaved outbox row of `stencil` for `subscriber` (see outbox.queue_rendered)."""
    subject, text, html, headers = stencil.fill(subscriber)
    return outbox.rendered(
        kind=kind, key=key, to=subscriber.email, language=stencil.language,
        subject=subject, text=text, html=html, headers=headers,
    )  # fmt: skip


def send_bulk(subscriber, *, kind, key, template, context):
    """Queue one bulk mail to a confirmed subscriber; None if the address is suppressed."""
    footer = footer_context(subscriber)
    return outbox.queue(
        kind=kind,
        key=key,
        to=subscriber.email,
        template=template,
        context={**context, **footer, "subscriber": subscriber},
        language=subscriber.language,
        headers=bulk_headers(footer),
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
