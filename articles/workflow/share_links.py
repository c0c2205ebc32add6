"""Share links: how people without an account read an item that is not public.

A share link is a signed token for one pinned revision, read-only, expiring, revocable,
each creation and revocation logged. The pages it opens are `articles.admin.previews`.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.dates import format_when

from ..models import ShareLink
from . import revisions
from .log import log

SALT = "newsroom.share-link"


def _content_type(item):
    return ContentType.objects.get_for_model(item, for_concrete_model=False)


def links_for(item):
    return ShareLink.objects.filter(
        content_type=_content_type(item), object_id=item.pk
    ).select_related("revision", "created_by", "revoked_by")


def create_share_link(item, actor):
    """A link to the item's latest saved version, valid NEWSROOM_SHARE_LINK_DAYS days."""
    revision = revisions.revisions_of(item).order_by("-version", "-pk").first()
    # Transitions bump the version without changing content: reuse the last snapshot
    # when it still says the same, rather than credit the sharer with a new version.
    if revision is None or revision.data != revisions.snapshot(item):
        revision = revisions.record(item, actor)
    link = ShareLink.objects.create(
        content_type=_content_type(item),
        object_id=item.pk,
        revision=revision,
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.NEWSROOM_SHARE_LINK_DAYS),
    )
    log(
        item,
        actor,
        "share_link",
        item.status,
        item.status,
        _("Tautan pratinjau versi %(version)s dibuat, berlaku sampai %(until)s.")
        % {"version": revision.version, "until": format_when(link.expires_at)},
    )
    return link


def revoke_share_link(link, actor):
    if link.revoked_at is not None:
        return link
    link.revoked_at = timezone.now()
    link.revoked_by = actor
    link.save(update_fields=["revoked_at", "revoked_by"])
    item = link.item
    log(
        item,
        actor,
        "revoke_share_link",
        item.status,
        item.status,
        _("Tautan pratinjau versi %(version)s dicabut.") % {"version": link.revision.version},
    )
    return link


def revoke_all(item, actor):
    """Every open link to `item` stops working now: used when it is withdrawn, whose
    reason (wrong, unlawful, embargoed) holds for the shared copies as much as the page."""
    return ShareLink.objects.filter(
        content_type=_content_type(item), object_id=item.pk, revoked_at__isnull=True
    ).update(revoked_at=timezone.now(), revoked_by=actor)


def is_active(link, now=None):
    return link.revoked_at is None and link.expires_at > (now or timezone.now())


def token_for(link):
    return signing.Signer(salt=SALT).sign(link.token.hex)


def share_url(link, request=None):
    path = reverse("editorial:share", args=[token_for(link)])
    return request.build_absolute_uri(path) if request else settings.SITE_URL + path


def link_for_token(token):
    """The share link a signed token names, or None when the token is forged or unknown."""
    try:
        raw = signing.Signer(salt=SALT).unsign(token)
        return ShareLink.objects.select_related("revision", "content_type").get(token=raw)
    except (signing.BadSignature, ShareLink.DoesNotExist, ValueError):
        return None
