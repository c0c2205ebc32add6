"""The journalist's side: the personal link and leaving the press list.

A personal link opens the embargoed page (the public article page with a banner naming
the embargo, never cached, noindex) until the article is public, then leads to the
public page. Every follow is logged against the link. A forged, unknown or revoked link,
or one to an article that is neither embargoed nor public (withdrawn), is a 404 like any
missing page.
"""

from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from articles.models import Article, Status
from articles.portal.pages import article_context

from ..models import LinkView, ReleaseMode, ReleaseRecipient, Suppression, SuppressionReason
from . import links, sending


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


def _live(request, value):
    recipient = links.recipient_for(value)
    if recipient is None or recipient.revoked_at is not None:
        raise Http404
    return recipient


@require_GET
def personal(request, token):
    recipient = _live(request, token)
    release = recipient.release
    article = Article.objects.select_related("unit", "featured_image").get(pk=release.article_id)
    if Article.objects.published().filter(pk=article.pk).exists():
        _log_view(request, recipient, embargoed=False)
        return _private(redirect(article.get_absolute_url()))
    scheduled = (
        article.status == Status.PUBLISHED
        and article.publish_at is not None
        and article.publish_at > timezone.now()
    )
    if not scheduled or article.draft_of_id is not None:
        raise Http404
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
            "pictures": sending.pictures(article),
            "release": release,
        },
    }
    return _private(render(request, "outreach/press/embargoed.html", context))


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
