"""The home page, article and event pages, and the error page in the site's layout."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from newsroom import pagekeys
from newsroom.statements import Statement

from ..models import Article, Event, Section, attach_credits
from . import jsonld, projected
from .common import (
    article_cards,
    attach_organisers,
    paginate,
    public_articles,
    public_events,
    public_or_gone,
    seo,
)
from .stored import Card, column
from .story import article_context


def home(request):
    at, language = timezone.now(), translation.get_language()
    newest = _NEWEST.rows(at=at, language=language)
    newest.sort(key=lambda row: (row[2], row[0]), reverse=True)
    lead = _LEAD.rows(key=newest[0][0], at=at) if newest else []
    lead = lead[0] if lead else None
    stored = {key: Card(card) for key, _section, _at, card in newest if card}
    missing = [key for key, *_rest in newest if key not in stored]
    if missing:
        stored.update(article_cards(public_articles()).filter(pk__in=missing).in_bulk())
    sections = []
    for value, label in Section.choices:
        keys = [key for key, section, *_rest in newest if section == value]
        shown = [stored[key] for key in keys if key in stored and key != getattr(lead, "pk", 0)]
        if shown:
            sections.append((value, label, shown[:4]))
    events = _UPCOMING.rows(at=at)
    attach_organisers(events)
    return render(
        request,
        "articles/home.html",
        {
            "lead": lead,
            "sections": sections,
            "upcoming": events,
            "structured_data": [jsonld.website(request)],
            **seo(
                description=_("Berita, siaran pers, pengumuman dan agenda kegiatan %(site)s.")
                % {"site": settings.NEWSROOM_SITE_NAME},
                image=lead.featured_image if lead else None,
            ),
        },
    )


def _newest(at, language):
    """The five newest public articles of each section, with their stored cards: the lead
    story is the newest of them all, and each section shows its four newest after it.

    One statement of one part per section: each part's keys come from an index walk of
    its section, which an OR of the four would lose to a scan of every article.
    """
    public = Article.objects.published(at)
    parts = [
        public.filter(pk__in=public.filter(section=value).order_by("-publish_at", "-pk")[:5])
        .annotate(projected_card=column("card", language))
        .values_list("pk", "section", "publish_at", "projected_card")
        .order_by()
        for value in Section.values
    ]
    return parts[0].union(*parts[1:], all=True)


def _lead(key, at):
    return public_articles(at).filter(pk=key).for_listing()


def _upcoming(at):
    """The agenda's next four events, as their cards show them (organisers:
    `attach_organisers`)."""
    shown = ("slug", "title", "starts_at", "ends_at", "kind", "mode", "platform", "venue")
    return public_events(at).not_over(at).only(*shown)[:4]


_NEWEST = Statement(_newest)
_LEAD = Statement(_lead)
_UPCOMING = Statement(_upcoming)


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
