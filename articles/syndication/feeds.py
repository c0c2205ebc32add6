"""RSS 2.0 and Atom of published news, for all news and per section, tag, work unit and
speaker, through Django's feed framework.

Feed readers poll every few minutes, so a poll must be cheap: the scope's validators
answer a conditional request with a 304 before any entry is built.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseNotAllowed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape

from newsroom.http import base_url, conditional_response

from .entries import entries_for, rfc3339
from .scopes import Scope, describe, feed_validators, resolve_scope


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
            handler.addQuickElement("dcterms:modified", rfc3339(item["updateddate"]))
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
            etag, last_modified, listed = feed_validators(scope)
            return conditional_response(
                request,
                etag=etag,
                last_modified=last_modified,
                render=lambda: self.render(scope, request, listed),
                content_type=self.feed_type.content_type,
            )

    def render(self, scope, request, listed):
        # The instance is shared by every request, so the entries travel in `obj`.
        with translation.override("id"):
            contents = Contents(scope, entries_for(scope, request, listed), base_url(request))
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


rss = NewsFeed()
atom = NewsAtomFeed()
section_rss, section_atom = scoped("section", NewsFeed), scoped("section", NewsAtomFeed)
tag_rss, tag_atom = scoped("tag", NewsFeed), scoped("tag", NewsAtomFeed)
unit_rss, unit_atom = scoped("unit", NewsFeed), scoped("unit", NewsAtomFeed)
speaker_rss, speaker_atom = scoped("speaker", NewsFeed), scoped("speaker", NewsAtomFeed)
