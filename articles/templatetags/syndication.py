"""Feed and calendar links for the portal's pages (used by templates/syndication/*)."""

from dataclasses import dataclass
from urllib.parse import urljoin

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Section
from ..syndication.calendars import google_calendar_url, outlook_calendar_url
from ..syndication.json_feed import JSON_FEED_CONTENT_TYPE

register = template.Library()

RSS, ATOM = "application/rss+xml", "application/atom+xml"


@dataclass(frozen=True)
class Link:
    type: str
    title: str
    url: str
    label: str


def _scope_name(scope, slug):
    if scope == "section":
        label = dict(Section.choices).get(slug)
        return _("Rubrik %(name)s") % {"name": label} if label else None
    return {
        "tag": _("Topik ini"),
        "unit": _("Berita unit ini"),
        "speaker": _("Berita narasumber ini"),
    }.get(scope)


@register.simple_tag
def feed_links(scope="", slug="", include_all=True):
    """The feeds that fit a page: all news, then the page's own section/tag/unit/speaker.

    No query runs: titles come from the scope, so the tag is safe on every page.
    """
    links = []
    if include_all or not scope:
        everything = _("%(site)s: semua berita") % {"site": settings.NEWSROOM_SITE_NAME}
        links += [
            Link(RSS, f"{everything} (RSS)", reverse("syndication:rss"), "RSS"),
            Link(ATOM, f"{everything} (Atom)", reverse("syndication:atom"), "Atom"),
            Link(JSON_FEED_CONTENT_TYPE, f"{everything} (JSON Feed)", reverse("syndication:json"),
                 "JSON Feed"),
        ]  # fmt: skip
    name = _scope_name(scope, slug) if slug else None
    if name:
        kwargs = {"section": slug} if scope == "section" else {"slug": slug}
        links += [
            Link(RSS, f"{name} (RSS)", reverse(f"syndication:{scope}_rss", kwargs=kwargs), "RSS"),
            Link(ATOM, f"{name} (Atom)", reverse(f"syndication:{scope}_atom", kwargs=kwargs),
                 "Atom"),
        ]  # fmt: skip
    return links


@register.simple_tag(takes_context=True)
def calendar_subscription(context, scope="", slug=""):
    """The subscribable calendar of a page (the agenda, a unit), as https and webcal URLs."""
    if scope == "unit" and slug:
        path = reverse("syndication:unit_ics", kwargs={"slug": slug})
    elif scope == "agenda":
        path = reverse("syndication:agenda_ics")
    else:
        return None
    url = _absolute(context, path)
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}


@register.simple_tag(takes_context=True)
def calendar_links(context, event):
    """Download and "add to" links for one event page."""
    page_url = _absolute(context, event.get_absolute_url())
    return {
        "ics": reverse("syndication:event_ics", kwargs={"slug": event.slug}),
        "google": google_calendar_url(event, page_url),
        "outlook": outlook_calendar_url(event, page_url),
        "microsoft365": outlook_calendar_url(event, page_url, host="outlook.office.com"),
    }


def _absolute(context, path):
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri(path)
    return urljoin(settings.SITE_URL + "/", path)
