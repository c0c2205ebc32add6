"""RSS 2.0, Atom and JSON Feed of published news, for all news and per section, tag,
work unit and speaker.

Feed readers poll every few minutes, so a poll must be cheap: one small query gives the
ETag and Last-Modified, a matching conditional request ends there with a 304, and a
rendered feed is cached under its ETag so identical polls without validators reuse it.
Each entry is built once (`build_entries`) and written by all three formats, so they
can never disagree about an item's id, dates or content.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import Max, OuterRef, Q, Subquery
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from taggit.models import Tag

from units.models import WorkUnit

from .models import Article, Correction, Event, Section, Speaker
from .sanitize import sanitize_html

FEED_SIZE = 20
# Readers may reuse a feed this long without asking; the ETag makes asking cheap.
MAX_AGE = 300
# A rendered body is reused while its ETag holds; the ETag changes with any content change.
RENDER_CACHE_SECONDS = 3600
# Bump when the output format changes so cached bodies and client ETags are renewed.
FORMAT_VERSION = "2"


# --- Conditional GET, shared by feeds, calendars and sitemaps --------------------------------


def make_etag(*parts):
    seed = "|".join(repr(part) for part in (FORMAT_VERSION, *parts))
    return f'"{hashlib.sha256(seed.encode()).hexdigest()[:32]}"'


def conditional_response(request, *, etag, last_modified, render, content_type, headers=None):
    """A 304 when the client's copy is current; else the body, cached under its ETag.

    `render` is only called on a cache miss, so the expensive queries and templating run
    once per content change and per URL, however many readers poll.
    """
    last_modified_ts = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified_ts)
    if response is None:
        key = (
            "syndication:"
            + hashlib.sha256(
                f"{request.build_absolute_uri(request.path)}|{etag}".encode()
            ).hexdigest()
        )
        body = cache.get(key)
        if body is None:
            body = render()
            cache.set(key, body, RENDER_CACHE_SECONDS)
        response = HttpResponse(body, content_type=content_type)
        for name, value in (headers or {}).items():
            response.headers[name] = value
    response.headers["ETag"] = etag
    if last_modified_ts:
        response.headers["Last-Modified"] = http_date(last_modified_ts)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def site_host():
    """The configured site's host name: the authority of every guid and UID we mint.

    Taken from SITE_URL, never from the request, so an item keeps its id whichever
    host name or proxy a reader used.
    """
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def base_url(request):
    """Scheme and host the reader used; links in a feed point back where it came from."""
    return request.build_absolute_uri("/").rstrip("/")


# --- What a feed covers ----------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """One feed's subject: all news, or one section, tag, work unit or speaker."""

    kind: str
    key: str
    title: str
    link: str
    filter: Q = field(default_factory=Q)

    def articles(self):
        return Article.objects.published().filter(self.filter).order_by("-publish_at", "-pk")

    def departed(self):
        return Article.objects.departed().filter(self.filter)


def resolve_scope(kind, key=None):
    """The scope for a URL, or 404. Tags and speakers are known only through public items."""
    site = settings.NEWSROOM_SITE_NAME
    if not kind:
        return Scope("", "", site, reverse("articles:home"))
    if kind == "section":
        try:
            section = Section(key)
        except ValueError:
            raise Http404("unknown section") from None
        return Scope(
            kind,
            key,
            f"{site}: {section.label}",
            reverse("articles:section", args=[key]),
            Q(section=section.value),
        )
    if kind == "tag":
        published = Article.objects.published().values("pk")
        tag = Tag.objects.filter(slug=key, article__in=published).first()
        if tag is None:
            raise Http404("unknown tag")
        title = _("Topik %(name)s") % {"name": tag.name}
        return Scope(
            kind, key, f"{site}: {title}", reverse("articles:tag", args=[key]), Q(tags__slug=key)
        )
    if kind == "unit":
        unit = get_object_or_404(WorkUnit, slug=key)
        related = Article.related_units.through.objects.filter(workunit=unit).values("article_id")
        return Scope(
            kind,
            key,
            f"{site}: {unit.name}",
            unit.get_absolute_url(),
            Q(unit=unit) | Q(pk__in=related),
        )
    if kind == "speaker":
        speaker = (
            Speaker.objects.filter(slug=key)
            .filter(
                Q(articles__in=Article.objects.published().values("pk"))
                | Q(events__in=Event.objects.published().values("pk"))
            )
            .first()
        )
        if speaker is None:
            raise Http404("unknown speaker")
        return Scope(
            kind,
            key,
            f"{site}: {speaker.full_name}",
            speaker.get_absolute_url(),
            Q(speakers=speaker),
        )
    raise Http404("unknown feed")


def feed_validators(scope):
    """ETag and Last-Modified of a scope's feed, from one query over the listed items.

    The ETag covers exactly the listed items and their change times, so an item that
    appears (published, or scheduled and now due), changes, or leaves (withdrawn)
    changes it. Last-Modified is the newest change among them or among the items that
    left: a reader polling by date alone must see a withdrawal too.
    """
    departed = scope.departed().order_by("-updated_at").values("updated_at")[:1]
    last_correction = (
        Correction.objects.filter(article=OuterRef("pk")).order_by().values("article")
    ).annotate(at=Max("noted_at"))
    # The featured picture is shown in each entry but has no change time of its own, so
    # what the entry shows of it goes into the ETag.
    picture = [f"featured_image__{name}" for name in ("file", "alt_text", "caption", "credit")]
    rows = list(
        scope.articles()
        .annotate(corrected=Subquery(last_correction.values("at")), departed=Subquery(departed))
        .values_list("pk", "updated_at", "publish_at", "corrected", "departed", *picture)[
            :FEED_SIZE
        ]
    )
    changes = [moment for row in rows for moment in row[1:5] if moment is not None]
    return make_etag(scope.title, rows), max(changes, default=None)


# --- Entries ---------------------------------------------------------------------------------


@dataclass
class Media:
    url: str
    length: int
    mime_type: str
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass
class Entry:
    guid: str
    link: str
    title: str
    summary: str
    content_html: str
    published: object
    updated: object
    author: str
    contributors: list
    categories: list
    image: Media | None


def guid_for(article):
    """A tag: URI (RFC 4151) that survives title, slug and host changes.

    Built from what never changes: the site's host, the day the row was created (UTC)
    and its primary key.
    """
    day = article.created_at.astimezone(UTC).date().isoformat()
    return f"tag:{site_host()},{day}:berita/{article.pk}"


def absolute_html(html, base):
    """The body, sanitised again on the way out, with every link and image URL absolute.

    Feed readers show content away from our pages, where a relative URL points nowhere.
    The stored body is already clean; re-cleaning covers rows written around save().
    """

    def absolutise(tag, attribute, value):
        if attribute in ("href", "src"):
            return urljoin(base, value)
        if attribute == "srcset":
            candidates = (candidate.strip().split(None, 1) for candidate in value.split(","))
            return ", ".join(
                " ".join([urljoin(base, parts[0]), *parts[1:]]) for parts in candidates if parts
            )
        return value

    return sanitize_html(html, attribute_filter=absolutise)


def image_media(image, base):
    """The featured picture as an enclosure: absolute URL, real byte length and MIME type."""
    if image is None or not image.file:
        return None
    length, mime_type = image.file_size, image.mime_type
    try:
        if not length:
            length = image.file.size
        if not mime_type:
            mime_type = _sniff_mime_type(image)
    except OSError:
        return None  # the file is gone from storage: no enclosure rather than a broken one
    return Media(
        url=urljoin(base, image.file.url),
        length=length,
        mime_type=mime_type,
        alt=image.alt_text,
        caption=image.caption,
        credit=_("Foto: %(credit)s") % {"credit": image.credit} if image.credit else "",
    )


def _sniff_mime_type(image):
    """For images uploaded before the pipeline recorded the type (stored without suffix)."""
    from PIL import Image as PILImage

    with image.file.open("rb") as handle, PILImage.open(handle) as picture:
        return PILImage.MIME.get(picture.format, "application/octet-stream")


def _person(user):
    if user is None:
        return ""
    profile = getattr(user, "staff_profile", None)
    return user.get_full_name() or (profile.initials if profile else "")


def _figure(media):
    caption = " ".join(part for part in (media.caption, media.credit) if part)
    return format_html(
        '<figure><img src="{}" alt="{}">{}</figure>',
        media.url,
        media.alt,
        format_html("<figcaption>{}</figcaption>", caption) if caption else "",
    )


def _corrections(article):
    notes = list(article.corrections.all())
    if not notes:
        return ""
    return format_html_join(
        "",
        "<p><strong>{}</strong> ({}): {}</p>",
        (
            (_("Ralat"), date_format(timezone.localtime(note.noted_at), "l, j F Y"), note.text)
            for note in notes
        ),
    )


def build_entries(articles, base):
    """Everything a feed format needs about each article, from already-fetched rows."""
    entries = []
    for article in articles:
        link = urljoin(base, article.get_absolute_url())
        media = image_media(article.featured_image, base)
        corrections = list(article.corrections.all())
        updated = max(
            [article.modified_at, *(note.noted_at for note in corrections)],
        )
        content = absolute_html(article.body, link)
        if media:
            content = _figure(media) + content
        content += _corrections(article)
        writer = _person(article.writer)
        contributors = [
            name for name in (_person(article.editor), _person(article.photographer)) if name
        ]
        entries.append(
            Entry(
                guid=guid_for(article),
                link=link,
                title=article.title,
                summary=article.lead,
                content_html=content,
                published=article.publish_at,
                updated=updated,
                author=writer or article.unit.name,
                contributors=contributors,
                categories=[
                    str(article.get_section_display()),
                    *(tag.name for tag in article.tags.all()),
                ],
                image=media,
            )
        )
    return entries


def entries_for(scope, request):
    articles = (
        scope.articles()
        .select_related(
            "unit",
            "featured_image",
            "writer__staff_profile",
            "editor__staff_profile",
            "photographer__staff_profile",
        )
        .prefetch_related("tags", "corrections")[:FEED_SIZE]
    )
    return build_entries(articles, base_url(request))


# --- RSS and Atom ----------------------------------------------------------------------------


class NewsRss(Rss201rev2Feed):
    """RSS 2.0 with the full body as content:encoded and Dublin Core contributors.

    RSS has no updated time of its own; dcterms:modified carries it, so a correction
    shows in RSS readers as it does in Atom.
    """

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
            "xmlns:dcterms": "http://purl.org/dc/terms/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["updateddate"]:
            handler.addQuickElement("dcterms:modified", _rfc3339(item["updateddate"]))
        for name in item["contributors"]:
            handler.addQuickElement("dc:contributor", name)
        handler.addQuickElement("content:encoded", item["content_html"])


class NewsAtom(Atom1Feed):
    """Atom with the full body as content and the other credited staff as contributors."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["contributors"]:
            handler.startElement("contributor", {})
            handler.addQuickElement("name", name)
            handler.endElement("contributor")
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


@dataclass
class Contents:
    scope: Scope
    entries: list
    base: str


def describe(scope):
    if not scope.kind:
        return _("Berita terbaru dari %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME}
    return _("Berita terbaru: %(title)s.") % {"title": scope.title}


class NewsFeed(Feed):
    """Django's feed framework fed from `Entry` objects; one subclass per format and scope.

    The framework's own __call__ is replaced so the conditional GET runs before any item
    is fetched; everything else is the framework's hooks.
    """

    feed_type = NewsRss
    scope_kind = ""
    language = "id"

    def __call__(self, request, section=None, slug=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        with translation.override("id"):
            scope = resolve_scope(self.scope_kind, section or slug)
            etag, last_modified = feed_validators(scope)
            return conditional_response(
                request,
                etag=etag,
                last_modified=last_modified,
                render=lambda: self.render(scope, request),
                content_type=self.feed_type.content_type,
            )

    def render(self, scope, request):
        # The instance is shared by every request, so the entries travel in `obj`.
        with translation.override("id"):
            contents = Contents(scope, entries_for(scope, request), base_url(request))
            return self.get_feed(contents, request).writeString("utf-8").encode()

    def title(self, contents):
        return contents.scope.title

    def link(self, contents):
        return contents.scope.link

    def description(self, contents):
        return describe(contents.scope)

    def author_name(self):
        return settings.NEWSROOM_PUBLISHER_NAME

    def author_link(self, contents):
        return contents.base + "/"

    def feed_copyright(self):
        return f"© {settings.NEWSROOM_PUBLISHER_NAME}"

    def items(self, contents):
        return contents.entries

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        # RSS description and Atom summary (type="html") are read as HTML; the lead is text.
        return escape(entry.summary)

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return entry.guid

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_author_name(self, entry):
        return entry.author

    def item_categories(self, entry):
        return entry.categories

    def item_enclosures(self, entry):
        if entry.image is None:
            return []
        media = entry.image
        return [Enclosure(media.url, str(media.length), media.mime_type)]

    def item_extra_kwargs(self, entry):
        return {"content_html": entry.content_html, "contributors": entry.contributors}


class NewsAtomFeed(NewsFeed):
    feed_type = NewsAtom

    subtitle = NewsFeed.description


def scoped(kind, base):
    return type(f"{kind.title()}{base.__name__}", (base,), {"scope_kind": kind})()


# --- JSON Feed 1.1 ---------------------------------------------------------------------------

JSON_FEED_CONTENT_TYPE = "application/feed+json"


def _rfc3339(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def json_feed_document(scope, entries, request):
    items = []
    for entry in entries:
        item = {
            "id": entry.guid,
            "url": entry.link,
            "title": entry.title,
            "summary": entry.summary,
            "content_html": entry.content_html,
            "date_published": _rfc3339(entry.published),
            "date_modified": _rfc3339(entry.updated),
            "authors": [{"name": name} for name in (entry.author, *entry.contributors)],
            "tags": entry.categories,
            "language": "id",
        }
        if entry.image:
            item["image"] = entry.image.url
            item["attachments"] = [
                {
                    "url": entry.image.url,
                    "mime_type": entry.image.mime_type,
                    "size_in_bytes": entry.image.length,
                }
            ]
        items.append(item)
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": scope.title,
        "home_page_url": request.build_absolute_uri(scope.link),
        "feed_url": request.build_absolute_uri(request.path),
        "description": describe(scope),
        "language": "id",
        "authors": [{"name": settings.NEWSROOM_PUBLISHER_NAME, "url": base_url(request) + "/"}],
        "items": items,
    }


@require_safe
def json_feed(request):
    with translation.override("id"):
        scope = resolve_scope("")
        etag, last_modified = feed_validators(scope)

        def render():
            with translation.override("id"):
                document = json_feed_document(scope, entries_for(scope, request), request)
            return json.dumps(document, ensure_ascii=False).encode()

        return conditional_response(
            request,
            etag=etag,
            last_modified=last_modified,
            render=render,
            content_type=JSON_FEED_CONTENT_TYPE,
        )


rss = NewsFeed()
atom = NewsAtomFeed()
section_rss, section_atom = scoped("section", NewsFeed), scoped("section", NewsAtomFeed)
tag_rss, tag_atom = scoped("tag", NewsFeed), scoped("tag", NewsAtomFeed)
unit_rss, unit_atom = scoped("unit", NewsFeed), scoped("unit", NewsAtomFeed)
speaker_rss, speaker_atom = scoped("speaker", NewsFeed), scoped("speaker", NewsAtomFeed)
