"""sitemap.xml and the Google News sitemap.

Every list comes from `published()`, and every lastmod is the real time the public
content last changed, so search engines recrawl what changed and nothing else. The
sitemap is one file while it fits and an index of per-kind files once it does not.
"""

import functools
from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import Paginator
from django.db.models import Max, OuterRef, Subquery
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from django.views.decorators.http import conditional_page, require_safe
from taggit.models import Tag

from newsroom.http import base_url, cacheable, conditional_response, make_etag
from units.models import WorkUnit

from ..models import Article, Event, Section, Speaker, freshness
from .moments import SiteMoments, changes, latest

TEMPLATE = "syndication/sitemap.xml"  # lastmod with the time of day, not only the date
CONTENT_TYPE = "application/xml; charset=utf-8"
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most this many URLs per sitemap


def _changes_by(queryset, key):
    """{key value: newest public change} for published items grouped by `key`.

    An aggregate over every published row: only the tag and speaker sitemaps, which list
    every group, still need it; the index and the headers read `SiteMoments` instead.
    """
    rows = (
        queryset.published()
        .filter(**{f"{key}__isnull": False})
        .values(key)
        .annotate(updated=Max("updated_at"), published=Max("publish_at"))
        .order_by(key)
    )
    return {row[key]: latest(row["updated"], row["published"]) for row in rows}


def _merge(*changes):
    merged = {}
    for mapping in changes:
        for key, moment in mapping.items():
            merged[key] = latest(merged.get(key), moment)
    return merged


class NewsroomSitemap(Sitemap):
    limit = 10_000  # URLs per file; above this in total, /sitemap.xml becomes an index

    def __init__(self, moments):
        self.moments = moments  # shared by the sitemaps of one response, read once

    @property
    def paginator(self):
        """Django's, its count found once per content generation: the index and every
        file of it would otherwise count all published articles on each request, a cost
        that grows with the archive."""
        pages = Paginator(self._items(), self.limit)
        name = f"sitemap:{type(self).__name__}"
        pages.count = freshness.kept(name, lambda: Paginator.count.func(pages))
        return pages

    def count_up_to(self, most):
        """How many URLs, up to `most` (whether everything fits in one file)."""
        return min(self.paginator.count, most)

    def pages(self):
        return self.paginator.num_pages


class PublishableSitemap(NewsroomSitemap):
    model = None

    def items(self):
        return (
            self.model.objects.published()
            .only("pk", "slug", "updated_at", "publish_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, item):
        return latest(item.modified_at)

    def get_latest_lastmod(self):
        return self.moments().of(self.model._meta.model_name)


class ArticleSitemap(PublishableSitemap):
    model = Article


class EventSitemap(PublishableSitemap):
    model = Event


class PageSitemap(NewsroomSitemap):
    """The home page and the agenda: they change when the newest article or event does."""

    def items(self):
        moments = self.moments()
        return [
            (reverse("articles:home"), moments.of("article")),
            (reverse("articles:events"), moments.of("event")),
        ]

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


class GroupSitemap(NewsroomSitemap):
    """Pages that list published items: present while they list something."""

    url_name = ""
    groups = ()  # SiteMoments groups whose newest change is the newest of these pages
    model = None  # every page is one row of it: its row count bounds the number of pages

    def changes(self):
        raise NotImplementedError

    @functools.cached_property
    def _changes(self):
        # The framework asks for the items several times per response; aggregate once.
        return sorted(self.changes().items())

    def items(self):
        return self._changes

    def location(self, item):
        return reverse(self.url_name, args=[item[0]])

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        return self.moments().of(*self.groups)

    def pages(self):
        # The index lists this file without listing its pages: one file while the table
        # behind it has fewer rows than a file holds.
        if self.model is None:
            return super().pages()
        rows = freshness.kept(f"sitemap-rows:{self.model._meta.label}", self.model.objects.count)
        if rows <= self.limit:
            return 1
        return super().pages()


class SectionSitemap(GroupSitemap):
    url_name = "articles:section"
    groups = tuple(Section.values)

    def changes(self):
        moments = self.moments()
        found = {section: moments.of(section) for section in Section.values}
        return {section: moment for section, moment in found.items() if moment}

    def pages(self):
        return 1


class TagSitemap(GroupSitemap):
    url_name = "articles:tag"
    groups = ("tagged",)
    model = Tag

    def changes(self):
        return _changes_by(Article.objects, "tags__slug")


class UnitSitemap(GroupSitemap):
    groups = ("article", "event")  # every article and event has an owning unit
    model = WorkUnit

    def changes(self):
        return unit_changes()

    def location(self, item):
        return WorkUnit(slug=item[0]).get_absolute_url()


class SpeakerSitemap(GroupSitemap):
    groups = ("quoting", "hosting")
    model = Speaker

    def changes(self):
        return _merge(
            _changes_by(Article.objects, "speakers__slug"),
            _changes_by(Event.objects, "speakers__slug"),
        )

    def location(self, item):
        return Speaker(slug=item[0]).get_absolute_url()


def unit_changes():
    """{unit slug: newest change among its articles and the events it owns or organises}.

    Per unit, each newest value one index probe away; units are few, their items many.
    """
    articles, events = Article.objects.published(), Event.objects.published()
    organised = events.filter(organisers=OuterRef("pk"))
    subqueries = {
        f"{name}_{kind}": Subquery(query)
        for name, queryset in (
            ("own", articles.filter(unit=OuterRef("pk"))),
            ("hosted", events.filter(unit=OuterRef("pk"))),
            ("organised", organised),
        )
        for kind, query in changes(queryset).items()
    }
    rows = WorkUnit.objects.order_by().annotate(**subqueries).values_list("slug", *subqueries)
    found = {slug: latest(*moments) for slug, *moments in rows}
    return {slug: moment for slug, moment in found.items() if moment}


SITEMAPS = {
    "halaman": PageSitemap,
    "berita": ArticleSitemap,
    "kegiatan": EventSitemap,
    "rubrik": SectionSitemap,
    "topik": TagSitemap,
    "unit": UnitSitemap,
    "narasumber": SpeakerSitemap,
}


def _dated(response, moments):
    """Set instead of the framework's header, which is missing while any kind is empty and
    does not move when a page leaves; crawlers asking If-Modified-Since rely on it: the
    newest public change, or removal, of anything the sitemaps list."""
    last_modified = moments().of("article", "event", left=True)
    if last_modified:
        response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    else:
        del response["Last-Modified"]
    return cacheable(response)


def _sitemaps():
    """Fresh instances for one response sharing one read of the newest changes, so what
    they memoise never outlives it."""
    moments = functools.cache(SiteMoments)
    return moments, {name: kind(moments) for name, kind in SITEMAPS.items()}


def _fits_one_file(sites):
    room = NewsroomSitemap.limit
    for site in sites.values():
        room -= site.count_up_to(room + 1)
        if room < 0:
            return False
    return True


def _index(request, sites):
    """Django's sitemap index, asking each sitemap for its page count instead of counting
    its items: the tag, unit and speaker files are not aggregated to be listed."""
    base = base_url(request)
    entries = []
    for section, site in sites.items():
        address = base + reverse("syndication:sitemap_section", kwargs={"section": section})
        lastmod = site.get_latest_lastmod()
        entries.append(SitemapIndexItem(address, lastmod))
        for page in range(2, site.pages() + 1):
            entries.append(SitemapIndexItem(f"{address}?p={page}", lastmod))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type=CONTENT_TYPE
    )


@require_safe
@conditional_page
def sitemap(request):
    """One urlset while everything fits in one file, else an index of per-kind files.

    Crawlers revisit with If-None-Match / If-Modified-Since; `conditional_page` answers
    them with an empty 304 from the rendered file's ETag and `_dated`'s Last-Modified.
    """
    moments, sites = _sitemaps()
    if _fits_one_file(sites):
        return _dated(
            sitemap_views.sitemap(
                request, sites, template_name=TEMPLATE, content_type=CONTENT_TYPE
            ),
            moments,
        )
    return _dated(_index(request, sites), moments)


@require_safe
@conditional_page
def sitemap_section(request, section):
    moments, sites = _sitemaps()
    return _dated(
        sitemap_views.sitemap(
            request, sites, section=section, template_name=TEMPLATE, content_type=CONTENT_TYPE
        ),
        moments,
    )


@require_safe
def news_sitemap(request):
    """Google News: articles first published in the last two days, newest first."""
    since = timezone.now() - NEWS_WINDOW
    articles = (
        Article.objects.published()
        .filter(publish_at__gte=since)
        .only("pk", "slug", "title", "publish_at", "first_published_at", "updated_at")
        .order_by("-publish_at", "-pk")[:NEWS_LIMIT]
    )
    left = Article.objects.departed().filter(publish_at__gte=since).order_by("-updated_at")
    rows = list(
        articles.annotate(left=Subquery(left.values("updated_at")[:1])).values_list(
            "pk", "updated_at", "publish_at", "left"
        )
    )
    base = base_url(request)

    def render_body():
        with translation.override("id"):
            context = {
                "base": base,
                "publication": settings.NEWSROOM_PUBLISHER_NAME,
                "articles": articles,
            }
            return render(request, "syndication/news_sitemap.xml", context).content

    return conditional_response(
        request,
        etag=make_etag("news-sitemap", rows),
        last_modified=latest(*(moment for row in rows for moment in row[1:])),
        render=render_body,
        content_type=CONTENT_TYPE,
    )
