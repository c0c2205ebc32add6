"""The home page, article and event pages, and the error page in the site's layout."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from newsroom import pagekeys
from newsroom.statements import Statement

from ..models import Article, Event, Section, attach_credits
from . import jsonld, projected
from .common import (
    article_cards,
    event_cards,
    paginate,
    public_articles,
    public_events,
    public_or_gone,
    seo,
)
from .stored import cards_by_key
from .story import article_context


def home(request):
    cards = article_cards(public_articles())
    lead = cards.select_related("featured_image").first()
    at, lead_pk = timezone.now(), lead.pk if lead else 0
    newest = {
        value: [key for (key,) in _NEWEST_IN_SECTION.rows(section=value, at=at, lead=lead_pk)]
        for value in Section.values
    }
    every = [key for keys in newest.values() for key in keys]
    found = cards_by_key(every, lambda missing: cards.filter(pk__in=missing))
    sections = [
        (value, label, [found[key] for key in newest[value] if key in found])
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


def _newest_in_section(section, at, lead):
    """The four newest public articles of `section` after the lead story."""
    rows = Article.objects.published(at).filter(section=section).exclude(pk=lead)
    return rows.order_by("-publish_at", "-pk").values_list("pk")[:4]


_NEWEST_IN_SECTION = Statement(_newest_in_section)


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
    stored = projected.stored_page(slug)
    if stored is not None:
        pk, _event_id, page, facts = stored
        html, tags, event = projected.fill(request, page, facts, pk)
        _shows(request, tags, event)
        return HttpResponse(html)
    # Not stored (yet): rendered live. The search document can be as long as the body
    # and is never shown.
    queryset = Article.objects.select_related("unit", "featured_image").defer("search_vector")
    article, gone = public_or_gone(queryset, request, slug=slug)
    if gone:
        return gone
    attach_credits([article])
    context = article_context(request, article)
    _shows(request, context["tags"], context["event"])
    return render(request, "articles/article_detail.html", context)


def _shows(request, tags, event):
    """Its related articles share a tag or the event: their changes purge this page too."""
    pagekeys.shows(request, *(f"tag:{tag.slug}" for tag in tags))
    if event is not None:
        pagekeys.shows(request, f"event:{event.slug}")


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
    covering = public_articles().filter(event=event)
    coverage = paginate(request, article_cards(covering))
    # An event has no photo of its own; the newest news covering it with one lends it (the
    # page's cards may be stored ones, which carry no picture of their own to ask).
    pictured = covering.exclude(featured_image=None).select_related("featured_image")
    newest = pictured.order_by("-publish_at", "-pk").first()
    picture = newest.featured_image if newest else None
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
