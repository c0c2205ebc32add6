"""Previews of items that are not (or not yet) public.

Staff see any item in any state through the public templates, wrapped by a preview
banner; people without an account open a share link (`workflow.share_links`). They live
with the admin because they open what the workflow guards; they borrow the portal's page
contexts so a preview reads exactly as the page will. Every preview answer is `noindex`
and never cached.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from units import roles

from ..models import Article, Event, Status
from ..portal.pages import event_context
from ..portal.story import article_context
from ..workflow import revisions, share_links

KINDS = {"berita": Article, "kegiatan": Event}
TEMPLATES = {Article: "editorial/article_preview.html", Event: "editorial/event_preview.html"}
PAGE_CONTEXTS = {Article: article_context, Event: event_context}


def private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def as_its_live_item(model, data, live):
    """A pending copy's content dressed as its live item: once published it replaces that
    item's content in place, so it keeps the live id (corrections, related links), URL and
    times."""
    shown = revisions.instance_from_snapshot(model, data, pk=live.pk)
    shown.slug = live.slug
    for name in ("status", "publish_at", "first_published_at", "created_at", "updated_at"):
        setattr(shown, name, getattr(live, name))
    return shown


def render_item(request, item, banner):
    model = type(item)
    if item.publish_at is None:
        item.publish_at = timezone.now()  # shown as it would read if published now; never saved
    context = {
        **PAGE_CONTEXTS[model](request, item),
        "is_preview": True,
        "preview": banner,
        "robots": "noindex, nofollow",
    }
    return private(render(request, TEMPLATES[model], context))


def staff_kind(request, kind, login_next):
    """The model a preview address names (404 for any other word), and the way to the
    login for whoever is not active staff (None for staff)."""
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return model, private(redirect_to_login(login_next, reverse("admin:login")))
    return model, None


@require_GET
def staff_preview(request, kind, pk):
    model, to_login = staff_kind(request, kind, request.get_full_path())
    if to_login:
        return to_login
    user = request.user
    item = get_object_or_404(model.objects.select_related("unit"), pk=pk)
    may_view = user.has_perm(f"articles.view_{model._meta.model_name}")
    if not (may_view and roles.in_scope(user, item)):
        raise Http404
    banner = {
        "status": Status(item.status).label,
        "version": item.version,
        "is_pending_copy": item.copy_of_id is not None,
        "scheduled_at": item.publish_at if item.is_scheduled else None,
        "admin_url": reverse(f"admin:articles_{model._meta.model_name}_change", args=[item.pk]),
    }
    if item.copy_of_id is not None:
        item = as_its_live_item(model, revisions.snapshot(item), item.copy_of)
    return render_item(request, item, banner)


@require_GET
def shared_preview(request, token):
    link = share_links.link_for_token(token)
    if link is None:
        raise Http404
    model = link.content_type.model_class()
    row = model.objects.select_related("copy_of").filter(pk=link.object_id).first()
    if model not in TEMPLATES or row is None:
        raise Http404
    # Whatever withdrew an item from the public withdraws its shared copies too.
    withdrawn = Status.WITHDRAWN in (row.status, row.copy_of and row.copy_of.status)
    if withdrawn or not share_links.is_active(link):
        gone = render(request, "editorial/share_link_gone.html", {"link": link}, status=410)
        return private(gone)
    if row.copy_of_id is not None:
        item = as_its_live_item(model, link.revision.data, row.copy_of)
    else:
        item = revisions.instance_from_snapshot(model, link.revision.data, pk=link.object_id)
    banner = {
        "shared": True,
        "version": link.revision.version,
        "expires_at": link.expires_at,
    }
    return render_item(request, item, banner)
