"""The journalist's side: the personal link, the press kit's downloads, leaving the list.

A personal link opens the embargoed page (the public article page with a banner naming
the embargo and the press kit, never cached, noindex) until the article is public, then
leads to the public page. Every follow is logged against the link. A forged, unknown or
revoked link, or one to an article that is neither embargoed nor public (withdrawn), is
a 404 like any missing page; so are its downloads. After the lift the kit's public
downloads answer for any public article with a release (`kit.public_kit`).
"""

from django.db.models import F
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from articles.models import Article, Status
from articles.portal.story import article_context

from ..models import LinkView, ReleaseMode, ReleaseRecipient, Suppression, SuppressionReason
from ..reach import utm
from . import downloads, kit, links, sending


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _client(request):
    return request.META.get("REMOTE_ADDR") or None, request.META.get("HTTP_USER_AGENT", "")[:255]


def _log_view(request, recipient, embargoed):
    now = timezone.now()
    address, agent = _client(request)
    LinkView.objects.create(
        recipient=recipient, embargoed=embargoed, address=address, user_agent=agent
    )
    ReleaseRecipient.objects.filter(pk=recipient.pk).update(views=F("views") + 1)
    ReleaseRecipient.objects.filter(pk=recipient.pk, first_viewed_at__isnull=True).update(
        first_viewed_at=now
    )


def _live(value):
    recipient = links.recipient_for(value)
    if recipient is None or recipient.revoked_at is not None:
        raise Http404
    return recipient


def _article_of(recipient):
    """(article, public) of a live link's release; 404 unless embargoed or public."""
    article = Article.objects.select_related("unit", "featured_image").get(
        pk=recipient.release.article_id
    )
    if Article.objects.published().filter(pk=article.pk).exists():
        return article, True
    scheduled = (
        article.status == Status.PUBLISHED
        and article.publish_at is not None
        and article.publish_at > timezone.now()
    )
    if not scheduled or article.copy_of_id is not None:
        raise Http404
    return article, False


@require_GET
def personal(request, token):
    recipient = _live(token)
    release = recipient.release
    article, public = _article_of(recipient)
    if public:
        _log_view(request, recipient, embargoed=False)
        # Tagged, so the reach dashboard counts what the release brought.
        return _private(redirect(utm.tag(article.get_absolute_url(), "press", article.slug)))
    _log_view(request, recipient, embargoed=True)
    context = {
        **article_context(request, article),
        "is_preview": True,
        "robots": "noindex, nofollow",
        "embargo": {
            "line": sending.embargo_line(release.embargo_until)
            if release.mode == ReleaseMode.EMBARGO and release.embargo_until
            else "",
            "publish_at": article.publish_at,
            "recipient": recipient,
            "release": release,
        },
        "press_kit": kit.private_kit(recipient, article),
    }
    return _private(render(request, "outreach/press/embargoed.html", context))


def _picture_response(press_kit, image_id, cache_control):
    image = press_kit.picture(image_id) if press_kit else None
    if image is None:
        raise Http404
    try:
        opened = image.file.storage.open(image.file.name, "rb")
    except OSError as missing:
        raise Http404 from missing
    response = FileResponse(opened, as_attachment=True, filename=downloads.download_name(image))
    response["Cache-Control"] = cache_control
    response["X-Robots-Tag"] = "noindex"
    return response


def _zip_response(press_kit, cache_control):
    if press_kit is None or not press_kit.pictures:
        raise Http404
    response = StreamingHttpResponse(
        downloads.zip_chunks(press_kit), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{downloads.zip_name(press_kit)}"'
    response["Cache-Control"] = cache_control
    response["X-Robots-Tag"] = "noindex"
    response["X-Accel-Buffering"] = "no"  # nginx passes it on as it comes
    return response


def _embargoed_kit(token):
    recipient = _live(token)
    article, public = _article_of(recipient)
    if public:
        return kit.public_kit(article.pk)
    return kit.private_kit(recipient, article)


@require_GET
def private_picture(request, token, image_id):
    return _picture_response(_embargoed_kit(token), image_id, "private, no-store")


@require_GET
def private_zip(request, token):
    return _zip_response(_embargoed_kit(token), "private, no-store")


# Public downloads: not kept by nginx's micro-cache (private) nor by shared caches.
PUBLIC_DOWNLOAD = "private, max-age=300"


@require_GET
def public_picture(request, article_id, image_id):
    return _picture_response(kit.public_kit(article_id), image_id, PUBLIC_DOWNLOAD)


@require_GET
def public_zip(request, article_id):
    return _zip_response(kit.public_kit(article_id), PUBLIC_DOWNLOAD)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks; POST (the button, or a mail client's RFC 8058 one-click) does it.

    Exempt from CSRF: the one-click POST comes from a mail provider without a cookie, and
    all it can do is take this one address off the press mail, which the token names.
    """
    recipient = links.recipient_for(token)
    if recipient is None:
        raise Http404
    done = False
    if request.method == "POST":
        Suppression.add(
            recipient.email,
            SuppressionReason.UNSUBSCRIBED,
            detail=f"press release {recipient.release_id}",
        )
        ReleaseRecipient.objects.filter(pk=recipient.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=timezone.now()
        )
        done = True
    page = render(
        request, "outreach/press/unsubscribe.html", {"recipient": recipient, "done": done}
    )
    return _private(page)
