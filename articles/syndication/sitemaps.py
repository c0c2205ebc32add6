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
from django.db.models import Max, Subquery
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from django.views.decorators.http import conditional_page, require_safe

from newsroom.http import base_url, cacheable, conditional_response, make_etag
from units.models import WorkUnit

from ..models import Article, Event, Section, Speaker

TEMPLATE = "syndication/sitemap.xml"  # lastmod with the time of day, not only the date
CONTENT_TYPE = "application/xml; charset=utf-8"
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most this many URLs per sitemap


def _latest(*moments):
    """The newest of the given times, to the second as sitemaps and HTTP dates carry them."""
    latest = max((moment for moment in moments if moment is not None), default=None)
    return latest.replace(microsecond=0) if latest else None


def _changes_by(queryset, key):
    """{key value: newest public change} for published items grouped by `key`."""
    rows = (
        queryset.published()
        .filter(**{f"{key}__isnull": False})
        .values(key)
        .annotate(updated=Max("updated_at"), published=Max("publish_at"))
        .order_by(key)
    )
    return {row[key]: _latest(row["updated"], row["published"]) for row in rows}


def _merge(*changes):
    merged = {}
    for mapping in changes:
        for key, moment in mapping.items():
            merged[key] = _latest(merged.get(key), moment)
    return merged


class NewsroomSitemap(Sitemap):
    limit = 10_000  # URLs per file; above this in total, /sitemap.xml becomes an index


class PublishableSitemap(NewsroomSitemap):
    model = None

    def items(self):
        return (
            self.model.objects.published()
            .only("pk", "slug", "updated_at", "publish_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, item):
        return _latest(item.modified_at)

    def get_latest_lastmod(self):
        latest = self.model.objects.published().aggregate(
            updated=Max("updated_at"), published=Max("publish_at")
        )
        return _latest(latest["updated"], latest["published"])


class ArticleSitemap(PublishableSitemap):
    model = Article


class EventSitemap(PublishableSitemap):
    model = Event


class PageSitemap(NewsroomSitemap):
    """The home page and the agenda: they change when the newest article or event does."""

    @functools.cached_property
    def _pages(self):
        latest = Article.objects.published().aggregate(u=Max("updated_at"), p=Max("publish_at"))
        agenda = Event.objects.published().aggregate(u=Max("updated_at"), p=Max("publish_at"))
        return [
            (reverse("articles:home"), _latest(latest["u"], latest["p"])),
            (reverse("articles:events"), _latest(agenda["u"], agenda["p"])),
        ]

    def items(self):
        return self._pages

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


class GroupSitemap(NewsroomSitemap):
    """Pages that list published items: present while they list something."""

    url_name = ""

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


class SectionSitemap(GroupSitemap):
    url_name = "articles:section"

    def changes(self):
        return {
            key: moment
            for key, moment in _changes_by(Article.objects, "section").items()
            if key in Section.values
        }


class TagSitemap(GroupSitemap):
    url_name = "articles:tag"

    def changes(self):
        return _changes_by(Article.objects, "tags__slug")


class UnitSitemap(GroupSitemap):
    def changes(self):
        return _merge(
            _changes_by(Article.objects, "unit__slug"),
            _changes_by(Event.objects, "unit__slug"),
            _changes_by(Event.objects, "organisers__slug"),
        )

    def location(self, item):
        return WorkUnit(slug=item[0]).get_absolute_url()


class SpeakerSitemap(GroupSitemap):
    def changes(self):
        return _merge(
            _changes_by(Article.objects, "speakers__slug"),
            _changes_by(Event.objects, "speakers__slug"),
        )

    def location(self, item):
        return Speaker(slug=item[0]).get_absolute_url()


SITEMAPS = {
    "halaman": PageSitemap,
    "berita": ArticleSitemap,
    "kegiatan": EventSitemap,
    "rubrik": SectionSitemap,
    "topik": TagSitemap,
    "unit": UnitSitemap,
    "narasumber": SpeakerSitemap,
}


def _site_last_modified():
    """The newest public change, or removal, of anything the sitemaps list.

    Set instead of the framework's header, which is missing while any kind is empty and
    does not move when a page leaves; crawlers asking If-Modified-Since rely on it.
    """
    moments = []
    for model in (Article, Event):
        public = model.objects.published().aggregate(Max("updated_at"), Max("publish_at"))
        moments += [
            *public.values(),
            *model.objects.departed().aggregate(Max("updated_at")).values(),
        ]
    return _latest(*moments)


def _dated(response):
    last_modified = _site_last_modified()
    if last_modified:
        response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    else:
        del response["Last-Modified"]
    return cacheable(response)


def _sitemaps():
    """Fresh instances for one response, so what they memoise never outlives it."""
    return {name: kind() for name, kind in SITEMAPS.items()}


@require_safe
@conditional_page
def sitemap(request):
    """One urlset while everything fits in one file, else an index of per-kind files.

    Crawlers revisit with If-None-Match / If-Modified-Since; `conditional_page` answers
    them with an empty 304 from the rendered file's ETag and `_dated`'s Last-Modified.
    """
    sites = _sitemaps()
    if sum(site.paginator.count for site in sites.values()) <= NewsroomSitemap.limit:
        return _dated(
            sitemap_views.sitemap(request, sites, template_name=TEMPLATE, content_type=CONTENT_TYPE)
        )
    return _dated(
        sitemap_views.index(
            request,
            sites,
            content_type=CONTENT_TYPE,
            sitemap_url_name="syndication:sitemap_section",
        )
    )


@require_safe
@conditional_page
def sitemap_section(request, section):
    return _dated(
        sitemap_views.sitemap(
            request, _sitemaps(), section=section, template_name=TEMPLATE, content_type=CONTENT_TYPE
        )
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
        last_modified=_latest(*(moment for row in rows for moment in row[1:])),
        render=render_body,
        content_type=CONTENT_TYPE,
    )
