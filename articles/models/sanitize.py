"""The allow-list that every stored article body passes through.

Bodies come from the body editor, from paste, from imports: whatever the source,
only ordinary formatting, links, images and tables survive. Scripts, event handlers,
`javascript:` URLs and inline styles are dropped, so a compromised or careless staff
account cannot put code in front of readers.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small",
    "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption",
    "picture", "source",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title", "srcset", "sizes", "loading", "decoding"},
    "source": {"srcset", "sizes", "type", "media"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html, attribute_filter=None):
    """The allow-listed body; `attribute_filter(tag, attribute, value)` may rewrite kept values."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=attribute_filter,
    ).strip()


class _ImageSources(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("img", "source"):
            return
        for name, value in attrs:
            if name == "src" and value is not None:
                self.sources.append(value.strip())
            elif name == "srcset" and value:
                self.sources += [part.split()[0] for part in value.split(",") if part.split()]


def image_sources(html):
    parser = _ImageSources()
    parser.feed(html or "")
    parser.close()
    return parser.sources


def own_image_hosts():
    """Hosts body images may come from: the site, its media host, and any listed."""
    hosts = {urlsplit(settings.SITE_URL).hostname, *settings.NEWSROOM_IMAGE_HOSTS}
    if urlsplit(settings.MEDIA_URL).hostname:
        hosts.add(urlsplit(settings.MEDIA_URL).hostname)
    return {host.lower() for host in hosts if host}


def foreign_images(html):
    """Image URLs in a body that point anywhere but the site's own media (or listed hosts).

    An image from elsewhere tells its host who reads which article, and can change after
    publication, so bodies may only show pictures uploaded here.
    """
    media_path = urlsplit(settings.MEDIA_URL).path or "/media/"
    hosts = own_image_hosts()
    foreign = []
    for source in image_sources(html):
        try:
            parts = urlsplit(source)
            parts.port  # noqa: B018 (raises on "host:8000.elsewhere", which hides another host)
        except ValueError:
            foreign.append(source)
            continue
        if parts.scheme or parts.netloc:
            allowed = parts.scheme in ("http", "https") and (parts.hostname or "") in hosts
        else:
            allowed = source.startswith(media_path) and not source.startswith("//")
        if not allowed and source not in foreign:
            foreign.append(source)
    return foreign
