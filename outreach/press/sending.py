"""Queueing a release's mails: one per journalist, in the journalist's language.

Runs as a task (`send_release`), since its work grows with the audience. Idempotent: a
recipient row is unique per (release, address) and its outbox key per recipient, so a
retried or rescued task queues nothing twice. Suppressed addresses (bounced, complained,
unsubscribed; shared with the subscribers) are recorded and not mailed.
"""

import logging
import re
from email.utils import parseaddr
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import transaction
from django.utils import dateformat, timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django_tasks import task

from articles.models import Image
from newsroom.dates import jam, tanggal

from ..mail import outbox
from ..models import Release, ReleaseMode, ReleaseRecipient
from . import links

logger = logging.getLogger(__name__)

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figure|figcaption)>|<br\s*/?>", re.I)
_SRC = re.compile(r"""src=["']([^"']+)["']""")


def body_text(html):
    """A sanitised body as plain text: one paragraph per block, no markup."""
    text = strip_tags(_BLOCK_END.sub("\n\n", html or ""))
    paragraphs = [" ".join(part.split()) for part in text.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def pictures(article):
    """The release's pictures (the featured one, then those in the body), each once."""
    names = [src.removeprefix(settings.MEDIA_URL) for src in _SRC.findall(article.body or "")]
    found = list(Image.objects.filter(file__in=names)) if names else []
    if article.featured_image_id:
        found.insert(0, article.featured_image)
    seen, result = set(), []
    for image in found:
        if image.pk not in seen:
            seen.add(image.pk)
            result.append(image)
    return result


def absolute(url):
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def embargo_line(when):
    """ "EMBARGO: tidak untuk disiarkan sebelum Kamis, 25 Juni 2020 pukul 10.00 WIB"."""
    return _("EMBARGO: tidak untuk disiarkan sebelum %(date)s pukul %(time)s") % {
        "date": tanggal(when),
        "time": jam(when),
    }


def release_context(release, language):
    """What every recipient's mail says, in `language`."""
    article = release.article
    with translation.override(language):
        return {
            "article": article,
            "title": article.title,
            "lead": article.lead,
            "body_text": body_text(article.body),
            "body_html": article.body,
            "dateline": f"{article.dateline}, {article.source}",
            "embargo": embargo_line(release.embargo_until)
            if release.mode == ReleaseMode.EMBARGO and release.embargo_until
            else "",
            "publish_when": f"{tanggal(article.publish_at)}, {jam(article.publish_at)}"
            if article.publish_at
            else "",
            "note": release.note,
            "pictures": [
                {
                    "url": absolute(image.file.url),
                    "caption": image.caption or image.alt_text,
                    "credit": image.credit,
                }
                for image in pictures(article)
            ],
            "contact_name": release.contact_name,
            "contact_email": release.contact_email,
            "contact_phone": release.contact_phone,
            "unit": article.unit.name if article.unit_id else "",
        }


def unsubscribe_headers(recipient):
    """RFC 8058 one-click unsubscribe: an https address taking a POST, and a mailbox."""
    mailbox = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "redaksi@localhost"
    subject = urlencode({"subject": f"berhenti {recipient.token}"}, quote_via=quote)
    return {
        "List-Unsubscribe": f"<{links.unsubscribe_url(recipient)}>, <mailto:{mailbox}?{subject}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def recipients_of(release):
    """Each address of the release's lists once (first contact found wins)."""
    seen = {}
    for media_list in release.lists.all():
        for contact in media_list.members().select_related("owner_unit"):
            seen.setdefault(contact.email.lower(), contact)
    return list(seen.values())


def _recipient(release, contact):
    row, _created = ReleaseRecipient.objects.get_or_create(
        release=release,
        email=contact.email.lower(),
        defaults={
            "contact": contact,
            "name": contact.name,
            "outlet": contact.outlet,
            "language": contact.language,
            "token": links.new_token(),
        },
    )
    return row


def why_line(contact):
    return _(
        "Anda menerima e-mail ini karena %(outlet)s tercatat sebagai kontak media %(unit)s "
        "dengan persetujuan sejak %(date)s."
    ) % {
        "outlet": contact.outlet,
        "unit": contact.owner_unit.name,
        "date": dateformat.format(contact.consent_at, "j F Y"),
    }


def queue_one(release, contact, shared):
    """Queue the mail of one contact; the recipient row."""
    recipient = _recipient(release, contact)
    if recipient.message_id or recipient.suppressed:
        return recipient
    with translation.override(recipient.language):
        why = why_line(contact)
    try:
        message = outbox.queue(
            kind="press",
            key=f"press:{release.pk}:{recipient.pk}",
            to=recipient.email,
            template="press_release",
            context={
                **shared[recipient.language],
                "name": recipient.name,
                "personal_url": links.personal_url(recipient),
                "kit_zip_url": links.kit_zip_url(recipient),
                "unsubscribe_url": links.unsubscribe_url(recipient),
                "why": why,
            },
            language=recipient.language,
            headers=unsubscribe_headers(recipient),
            bulk=True,
        )
    except outbox.InvalidRecipient:
        logger.warning("press release %s: address of contact %s refused", release.pk, contact.pk)
        return recipient
    if message is None:
        recipient.suppressed = True
    else:
        recipient.message = message
    recipient.save(update_fields=["suppressed", "message"])
    return recipient


@task()
def send_release(release_id):
    """Queue every recipient's mail of release `release_id`; how many were queued."""
    release = Release.objects.select_related("article", "article__unit").filter(pk=release_id)
    release = release.first()
    if release is None or release.article.status not in ("published", "approved"):
        return 0
    shared = {code: release_context(release, code) for code, _name in settings.LANGUAGES}
    queued = 0
    for contact in recipients_of(release):
        with transaction.atomic():
            queued += queue_one(release, contact, shared).message_id is not None
    Release.objects.filter(pk=release.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    return queued


def send_after_commit(release):
    transaction.on_commit(lambda: send_release.enqueue(release.pk))
