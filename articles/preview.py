"""Previews of items that are not (or not yet) public.

Staff see any item in any state through the public templates, wrapped by a preview
banner. People without an account get a share link: a signed token for one pinned
revision, read-only, expiring, revocable, each creation and revocation logged.
Every preview answer is `noindex` and never cached.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import revisions, roles, views
from .models import Article, Event, ShareLink, Status

SALT = "newsroom.share-link"
KINDS = {"berita": Article, "kegiatan": Event}
TEMPLATES = {Article: "editorial/article_preview.html", Event: "editorial/event_preview.html"}
PAGE_CONTEXTS = {Article: views.article_context, Event: views.event_context}


def format_when(moment):
    """ "Sabtu, 28 November 2026, 04.33 WIB": the same words the public pages use."""
    from .templatetags.portal import tanggal_jam

    return tanggal_jam(moment)


# --- share links ---------------------------------------------------------------------


def _content_type(item):
    return ContentType.objects.get_for_model(item, for_concrete_model=False)


def links_for(item):
    return ShareLink.objects.filter(
        content_type=_content_type(item), object_id=item.pk
    ).select_related("revision", "created_by", "revoked_by")


def create_share_link(item, actor):
    """A link to the item's latest saved version, valid NEWSROOM_SHARE_LINK_DAYS days."""
    from .workflow import log

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
    from .workflow import log

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


def is_active(link, now=None):
    return link.revoked_at is None and link.expires_at > (now or timezone.now())


def token_for(link):
    return signing.Signer(salt=SALT).sign(link.token.hex)


def share_url(link, request=None):
    path = reverse("editorial:share", args=[token_for(link)])
    return request.build_absolute_uri(path) if request else settings.SITE_URL + path


# --- views ---------------------------------------------------------------------------


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _as_its_live_item(model, data, live):
    """A pending copy's content dressed as its live item: once published it replaces that
    item's content in place, so it keeps the live id (corrections, related links), URL and
    times."""
    shown = revisions.instance_from_snapshot(model, data, pk=live.pk)
    shown.slug = live.slug
    for name in ("status", "publish_at", "first_published_at", "created_at", "updated_at"):
        setattr(shown, name, getattr(live, name))
    return shown


def _render_item(request, item, banner):
    model = type(item)
    if item.publish_at is None:
        item.publish_at = timezone.now()  # shown as it would read if published now; never saved
    context = {
        **PAGE_CONTEXTS[model](request, item),
        "is_preview": True,
        "preview": banner,
        "robots": "noindex, nofollow",
    }
    return _private(render(request, TEMPLATES[model], context))


@require_GET
def staff_preview(request, kind, pk):
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return _private(redirect_to_login(request.get_full_path(), reverse("admin:login")))
    item = get_object_or_404(model.objects.select_related("unit"), pk=pk)
    may_view = user.has_perm(f"articles.view_{model._meta.model_name}")
    if not (may_view and roles.in_scope(user, item)):
        raise Http404
    banner = {
        "status": Status(item.status).label,
        "version": item.version,
        "is_revision": item.draft_of_id is not None,
        "scheduled_at": item.publish_at if item.is_scheduled else None,
        "admin_url": reverse(f"admin:articles_{model._meta.model_name}_change", args=[item.pk]),
    }
    if item.draft_of_id is not None:
        item = _as_its_live_item(model, revisions.snapshot(item), item.draft_of)
    return _render_item(request, item, banner)


@require_GET
def shared_preview(request, token):
    try:
        raw = signing.Signer(salt=SALT).unsign(token)
        link = ShareLink.objects.select_related("revision", "content_type").get(token=raw)
    except (signing.BadSignature, ShareLink.DoesNotExist, ValueError) as error:
        raise Http404 from error
    if not is_active(link):
        gone = render(request, "editorial/share_link_gone.html", {"link": link}, status=410)
        return _private(gone)
    model = link.content_type.model_class()
    row = model.objects.select_related("draft_of").filter(pk=link.object_id).first()
    if model not in TEMPLATES or row is None:
        raise Http404
    if row.draft_of_id is not None:
        item = _as_its_live_item(model, link.revision.data, row.draft_of)
    else:
        item = revisions.instance_from_snapshot(model, link.revision.data, pk=link.object_id)
    banner = {
        "shared": True,
        "version": link.revision.version,
        "expires_at": link.expires_at,
    }
    return _render_item(request, item, banner)
