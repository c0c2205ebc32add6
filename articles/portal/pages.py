"""The home page, article and event pages, and the error page in the site's layout."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from taggit.models import TaggedItem

from newsroom import pagekeys

from ..models import Article, Event, EventSpeaker, Section, attach_credits
from . import jsonld
from .common import (
    article_cards,
    event_cards,
    paginate,
    public_articles,
    public_events,
    public_or_gone,
    seo,
)


def home(request):
    cards = article_cards(public_articles())
    lead = cards.select_related("featured_image").first()
    exclude = [lead.pk] if lead else []
    sections = [
        (value, label, list(cards.filter(section=value).exclude(pk__in=exclude)[:4]))
        for value, label in Section.choices
    ]
    upcoming = event_cards(public_events().not_over(timezone.now()))[:4]
    return render(
        request,
        "articles/home.html",
        {
            "lead": lead,
            "sections": [section for section in sections if section[2]],
            "upcoming": upcoming,
            "structured_data": [jsonld.website(request)],
            **seo(
                description=_("Berita, siaran pers, pengumuman dan agenda kegiatan %(site)s.")
                % {"site": settings.NEWSROOM_SITE_NAME},
                image=lead.featured_image if lead else None,
            ),
        },
    )


def privacy(request):
    """What the site keeps about readers and why (UU 27/2022): a plain page, cached."""
    return render(
        request,
        "articles/privacy.html",
        seo(
            _("Kebijakan privasi"),
            _("Data pribadi apa yang disimpan situs ini, untuk apa, dan bagaimana menghapusnya."),
        ),
    )


def article_detail(request, slug):
    # The search document can be as long as the body and is never shown. Tags, corrections,
    # related units and speakers are read by the page itself, one plain query each: for a
    # single article, prefetch_related's machinery costs more CPU than the four queries.
    queryset = Article.objects.select_related("unit", "featured_image").defer("search_vector")
    article, gone = public_or_gone(queryset, request, slug=slug)
    if gone:
        return gone
    attach_credits([article])
    context = article_context(request, article)
    # Its related articles share a tag or the event: their changes purge this page too.
    pagekeys.shows(request, *(f"tag:{tag.slug}" for tag in context["tags"]))
    if context["event"] is not None:
        pagekeys.shows(request, f"event:{context['event'].slug}")
    return render(request, "articles/article_detail.html", context)


def article_context(request, article):
    """Everything the article page shows; staff previews render through it too."""
    event = None
    if article.event_id:
        event = (
            public_events()
            .filter(pk=article.event_id)
            .prefetch_related(
                Prefetch("event_speakers", queryset=EventSpeaker.objects.select_related("speaker"))
            )
            .first()
        )
    tags = list(article.tags.all())
    return {
        "article": article,
        "tags": tags,
        "event": event,
        "related": related_articles(article, event, tags),
        "structured_data": [jsonld.news_article(request, article, tags)],
        **seo(article.title, article.lead, article.featured_image, og_type="article"),
    }


def related_articles(article, event, tags):
    """The four newest public articles sharing one of `tags` or the event with `article`.

    The tag link is read from taggit's own table by (content type, tag), never through a
    join back to articles, so the database walks the public-time index of articles and
    stops at the fourth match instead of ranking every article of a popular tag.
    """
    tag_ids = [tag.pk for tag in tags]
    if not tag_ids and not event:
        return Article.objects.none()
    link = Q(pk__in=[])
    if tag_ids:
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), tag_id__in=tag_ids
        )
        link |= Q(pk__in=tagged.values("object_id"))
    if event:
        link |= Q(event=event)
    return article_cards(public_articles().filter(link).exclude(pk=article.pk))[:4]


def event_detail(request, slug):
    # The page reads its organisers, partners, units and speakers one plain query each
    # (see article_detail: prefetching for one row costs more than it saves).
    queryset = Event.objects.select_related("unit")
    event, gone = public_or_gone(queryset, request, slug=slug)
    if gone:
        return gone
    return render(request, "articles/event_detail.html", event_context(request, event))


def event_context(request, event):
    """Everything the event page shows; staff previews render through it too."""
    coverage = paginate(request, article_cards(public_articles().filter(event=event)))
    # An event has no photo of its own; the news that covers it usually has one.
    picture = next((item.featured_image for item in coverage if item.featured_image_id), None)
    people = {
        "organisers": list(event.organisers.all()),
        "partners": list(event.partners.all()),
        "speakers": list(_speaker_rows(event)),
    }
    return {
        "event": event,
        "page": coverage,
        **people,
        "structured_data": [jsonld.event(request, event, people, picture)],
        **seo(event.title, event.description or event.title, picture),
    }


def _speaker_rows(event):
    """The event's speaker rows; a preview's unsaved event carries its own (the form's)."""
    if "event_speakers" in getattr(event, "_prefetched_objects_cache", {}):
        return event.event_speakers.all()
    return event.event_speakers.select_related("speaker")


@requires_csrf_token
def server_error(request):
    """The 500 page in the site's layout; falls back to plain text if even that fails."""
    try:
        body = loader.render_to_string("500.html", seo(title=_("Terjadi kesalahan")), request)
    except Exception:  # noqa: BLE001 - the error page must never raise
        body = "<!doctype html><title>500</title><h1>Server Error (500)</h1>"
    return HttpResponseServerError(body)
