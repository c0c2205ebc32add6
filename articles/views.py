"""Public pages. Every query here starts from `published()`.

Lists are paginated and load what their cards show in a fixed number of queries
(select_related for single objects, prefetch for sets), so a page costs the same
whether it lists 5 items or 50.
"""

from datetime import MAXYEAR, MINYEAR

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import requires_csrf_token
from taggit.models import Tag

from units.models import WorkUnit

from . import jsonld
from .models import Article, Event, EventKind, EventSpeaker, Section, Speaker, Status
from .search import clean_query, search_articles, with_snippets
from .templatetags.portal import bulan_tahun

PER_PAGE = 12


def paginate(request, queryset, param="hal", per_page=PER_PAGE):
    """One page of `queryset`; a bad or too-large page number gives the nearest real page."""
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))
    page.param = param
    return page


def article_cards(queryset):
    """Articles as list cards show them: the body and search document stay in the database."""
    return queryset.for_listing().defer("body", "search_vector")


def event_cards(queryset):
    return queryset.select_related("unit").prefetch_related("organisers")


def public_articles():
    return Article.objects.published()


def public_events():
    return Event.objects.published()


def seo(title=None, description=None, image=None, og_type="website", robots=None):
    """What a page tells search engines and social networks about itself (base.html)."""
    return {
        "page_title": title,
        "page_description": Truncator(description or "").chars(200) if description else None,
        "page_image": image,
        "og_type": og_type,
        "robots": robots,
    }


def _public_or_gone(queryset, request, **lookup):
    """The published item; 410 if it was withdrawn; 404 otherwise."""
    item = queryset.published().filter(**lookup).first()
    if item is None:
        if queryset.originals().filter(status=Status.WITHDRAWN, **lookup).exists():
            return None, render(request, "410.html", seo(title=_("Konten ditarik")), status=410)
        raise Http404
    return item, None


def home(request):
    cards = article_cards(public_articles())
    lead = cards.select_related("featured_image").first()
    exclude = [lead.pk] if lead else []
    sections = [
        (value, label, list(cards.filter(section=value).exclude(pk__in=exclude)[:4]))
        for value, label in Section.choices
    ]
    upcoming = event_cards(public_events().filter(ends_at__gte=timezone.now())).order_by(
        "starts_at", "pk"
    )[:4]
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


def article_detail(request, slug):
    queryset = Article.objects.select_related(
        "unit", "featured_image", "writer__staff_profile", "editor__staff_profile",
        "photographer__staff_profile",
    ).prefetch_related("tags", "corrections", "related_units", "speakers")  # fmt: skip
    article, gone = _public_or_gone(queryset, request, slug=slug)
    if gone:
        return gone
    return render(request, "articles/article_detail.html", article_context(request, article))


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
    tag_ids = [tag.pk for tag in article.tags.all()]
    related = Article.objects.none()
    if tag_ids or event:
        link = Q(tags__in=tag_ids) if tag_ids else Q(pk__in=[])
        if event:
            link |= Q(event=event)
        related = article_cards(
            public_articles()
            .filter(pk__in=Article.objects.filter(link).values("pk"))
            .exclude(pk=article.pk)
        )[:4]
    return {
        "article": article,
        "event": event,
        "related": related,
        "structured_data": [jsonld.news_article(request, article)],
        **seo(article.title, article.lead, article.featured_image, og_type="article"),
    }


def event_detail(request, slug):
    queryset = Event.objects.select_related("unit").prefetch_related(
        "organisers",
        "partners",
        "participating_units",
        Prefetch("event_speakers", queryset=EventSpeaker.objects.select_related("speaker")),
    )
    event, gone = _public_or_gone(queryset, request, slug=slug)
    if gone:
        return gone
    return render(request, "articles/event_detail.html", event_context(request, event))


def event_context(request, event):
    """Everything the event page shows; staff previews render through it too."""
    coverage = paginate(request, article_cards(public_articles().filter(event=event)))
    # An event has no photo of its own; the news that covers it usually has one.
    picture = next((item.featured_image for item in coverage if item.featured_image_id), None)
    return {
        "event": event,
        "page": coverage,
        "structured_data": [jsonld.event(request, event, event.event_speakers.all(), picture)],
        **seo(event.title, event.description or event.title, picture),
    }


def section_detail(request, section):
    if section not in Section.values:
        raise Http404
    label = Section(section).label
    page = paginate(request, article_cards(public_articles().filter(section=section)))
    return render(
        request,
        "articles/section_detail.html",
        {
            "section": section,
            "label": label,
            "page": page,
            "feed_scope": "section",
            "feed_slug": section,
            **seo(label, _("Kumpulan %(section)s terbaru.") % {"section": label}),
        },
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = paginate(request, article_cards(public_articles().filter(tags=tag)))
    if not page.paginator.count:
        raise Http404  # a tag used only on unpublished items is not public either
    return render(
        request,
        "articles/tag_detail.html",
        {
            "tag": tag,
            "page": page,
            "feed_scope": "tag",
            "feed_slug": tag.slug,
            **seo(
                _("Topik: %(tag)s") % {"tag": tag.name},
                _("Berita dengan topik %(tag)s.") % {"tag": tag.name},
            ),
        },
    )


def unit_detail(request, slug):
    unit = get_object_or_404(WorkUnit.objects.select_related("parent"), slug=slug)
    articles = public_articles().filter(
        pk__in=Article.objects.filter(Q(unit=unit) | Q(related_units=unit)).values("pk")
    )
    events = public_events().filter(
        pk__in=Event.objects.filter(
            Q(unit=unit) | Q(organisers=unit) | Q(participating_units=unit)
        ).values("pk")
    )
    return render(
        request,
        "articles/unit_detail.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors(),
            "children": unit.children.active(),
            "page": paginate(request, article_cards(articles)),
            "event_page": paginate(
                request, event_cards(events).order_by("-starts_at", "-pk"), param="hal_kegiatan"
            ),
            "feed_scope": "unit",
            "feed_slug": unit.slug,
            "structured_data": [jsonld.organization(request, unit, with_context=True)],
            **seo(
                unit.name,
                unit.description or _("Berita dan kegiatan %(unit)s.") % {"unit": unit.name},
            ),
        },
    )


def speaker_detail(request, slug):
    speaker = get_object_or_404(
        Speaker.objects.select_related("affiliation_unit", "affiliation_partner", "photo"),
        slug=slug,
    )
    events = public_events().filter(
        pk__in=EventSpeaker.objects.filter(speaker=speaker).values("event_id")
    )
    articles = public_articles().filter(
        pk__in=Article.objects.filter(
            Q(speakers=speaker) | Q(event__in=events.values("pk"))
        ).values("pk")
    )
    page = paginate(request, article_cards(articles))
    event_page = paginate(
        request,
        event_cards(events)
        .prefetch_related(
            Prefetch(
                "event_speakers",
                queryset=EventSpeaker.objects.filter(speaker=speaker),
                to_attr="speaker_roles",
            )
        )
        .order_by("-starts_at", "-pk"),
        param="hal_kegiatan",
    )
    if not page.paginator.count and not event_page.paginator.count:
        raise Http404  # known only from unpublished items: not public
    links = list(speaker.links.all())
    return render(
        request,
        "articles/speaker_detail.html",
        {
            "speaker": speaker,
            "links": links,
            "page": page,
            "event_page": event_page,
            "feed_scope": "speaker",
            "feed_slug": speaker.slug,
            "structured_data": [jsonld.person(request, speaker, with_context=True, links=links)],
            **seo(speaker.full_name, speaker.position or speaker.bio, speaker.photo, "profile"),
        },
    )


class AgendaFilter(forms.Form):
    """The agenda's GET filter. Unknown values are dropped, never an error page."""

    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis kegiatan"),
        required=False,
        choices=[("", gettext_lazy("Semua jenis")), *EventKind.choices],
    )
    unit = forms.ChoiceField(label=gettext_lazy("Unit kerja"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Semua unit"))] + [
            (unit.slug, unit.name) for unit in units
        ]

    def filter(self, events):
        if not self.is_bound:
            return events
        self.is_valid()  # an invalid field is left out of cleaned_data; the others still apply
        if kind := self.cleaned_data.get("jenis"):
            events = events.filter(kind=kind)
        if slug := self.cleaned_data.get("unit"):
            events = events.filter(
                pk__in=Event.objects.filter(
                    Q(unit__slug=slug)
                    | Q(organisers__slug=slug)
                    | Q(participating_units__slug=slug)
                ).values("pk")
            )
        return events


def event_list(request):
    events = public_events()
    units = WorkUnit.objects.filter(
        Q(pk__in=events.values("unit_id")) | Q(organised_events__in=events.values("pk"))
    ).distinct()
    form = AgendaFilter(request.GET or None, units=units)
    events = form.filter(events)
    now = timezone.now()
    return render(
        request,
        "articles/event_list.html",
        {
            "form": form,
            "upcoming": paginate(
                request, event_cards(events.filter(ends_at__gte=now)).order_by("starts_at", "pk")
            ),
            "past": paginate(
                request,
                event_cards(events.filter(ends_at__lt=now)).order_by("-starts_at", "-pk"),
                param="hal_lalu",
            ),
            **seo(_("Agenda kegiatan"), _("Kegiatan yang akan datang dan yang telah berlangsung.")),
        },
    )


def _months(articles):
    return (
        articles.annotate(month=TruncMonth("publish_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )


def archive_index(request):
    months = list(_months(public_articles()))
    years = {}
    for row in months:
        years.setdefault(row["month"].year, []).append(row)
    return render(
        request,
        "articles/archive_index.html",
        {"years": sorted(years.items(), reverse=True), **seo(_("Arsip berita"))},
    )


def _archive_year(year):
    """A year the calendar (and the database's date arithmetic in WIB) can hold, or 404."""
    if not MINYEAR < year < MAXYEAR:
        raise Http404


def archive_year(request, year):
    _archive_year(year)
    articles = public_articles().filter(publish_at__year=year)
    page = paginate(request, article_cards(articles))
    if not page.paginator.count:
        raise Http404
    return render(
        request,
        "articles/archive_year.html",
        {
            "year": year,
            "months": list(_months(articles)),
            "page": page,
            **seo(_("Arsip berita %(year)s") % {"year": year}),
        },
    )


def archive_month(request, year, month):
    _archive_year(year)
    if not 1 <= month <= 12:
        raise Http404
    articles = public_articles().filter(publish_at__year=year, publish_at__month=month)
    page = paginate(request, article_cards(articles))
    if not page.paginator.count:
        raise Http404
    first_day = timezone.datetime(year, month, 1)
    return render(
        request,
        "articles/archive_month.html",
        {
            "year": year,
            "month": first_day,
            "page": page,
            **seo(_("Arsip berita %(month)s") % {"month": bulan_tahun(first_day)}),
        },
    )


def search(request):
    query = clean_query(request.GET.get("q", ""))
    page = paginate(request, search_articles(query), per_page=10) if query else None
    if page is not None:
        page.object_list = with_snippets(list(page.object_list), query)
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "page": page,
            **seo(
                _("Hasil pencarian: %(query)s") % {"query": query} if query else _("Pencarian"),
                robots="noindex, follow",
            ),
        },
    )


@requires_csrf_token
def server_error(request):
    """The 500 page in the site's layout; falls back to plain text if even that fails."""
    try:
        body = loader.render_to_string("500.html", seo(title=_("Terjadi kesalahan")), request)
    except Exception:  # noqa: BLE001 - the error page must never raise
        body = "<!doctype html><title>500</title><h1>Server Error (500)</h1>"
    return HttpResponseServerError(body)
