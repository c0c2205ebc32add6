"""Addresses a portal page gives out: its canonical URL and where readers share it."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.http import QueryDict
from django.utils import translation

FACEBOOK = "https://www.facebook.com/sharer/sharer.php?"
LINKEDIN = "https://www.linkedin.com/sharing/share-offsite/?"


def canonical_url(request, query_text="", page=None):
    """This page's one address: the words of a search and the page of a list, nothing else.

    Tracking parameters a social network appends (fbclid, utm_*) never become part of it.
    """
    query = QueryDict(mutable=True)
    if query_text:
        query["q"] = query_text
    if page is not None and getattr(page, "number", 1) > 1:
        query[page.param] = page.number
    url = request.build_absolute_uri(request.path)
    return f"{url}?{query.urlencode()}" if query else url


def share_links(url, title):
    """Where a reader can pass an article on. Plain links: they work without JavaScript."""
    text = f"{title} {url}"
    url_title = urlencode({"url": url, "text": title})
    return [
        ("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        ("facebook", "Facebook", FACEBOOK + urlencode({"u": url})),
        ("x", "X", "https://x.com/intent/post?" + url_title),
        ("linkedin", "LinkedIn", LINKEDIN + urlencode({"url": url})),
        ("telegram", "Telegram", "https://t.me/share/url?" + url_title),
        ("email", "E-mail", f"mailto:?subject={quote(title)}&body={quote(text)}"),
    ]


def web_url(value):
    """The address if it is an http(s) one, else "": a stored `javascript:` never becomes a link.

    The admin's URL fields refuse other schemes already; rows written by imports or the
    shell skip those forms, and this is where they would reach readers.
    """
    text = str(value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else ""


def language_versions(request, query_text="", page=None):
    """This page in each interface language, for the switcher and the hreflang alternates.

    The address alone decides the language (Indonesian unprefixed, English under /en/), so
    the other version is the same path with the prefix added or removed. Pages outside the
    portal (errors, previews) offer each language's home page instead, unless their view
    marked the request `keep_page_across_languages` (a subscriber's pages, whose address
    holds their signed link): those keep their path and their whole query string.
    """
    default = settings.LANGUAGE_CODE
    path = request.path
    current = translation.get_language_from_path(path)
    is_portal = getattr(request.resolver_match, "app_name", None) == "articles"
    keeps_page = is_portal or getattr(request, "keep_page_across_languages", False)
    if not keeps_page:
        bare = "/"
    elif current and current != default:
        bare = path[len(current) + 1 :]
    else:
        bare = path
    query = QueryDict(mutable=True)
    if is_portal and query_text:
        query["q"] = query_text
    if is_portal and page is not None and getattr(page, "number", 1) > 1:
        query[page.param] = page.number
    if keeps_page and not is_portal:
        query = request.GET.copy()
    suffix = f"?{query.urlencode()}" if query else ""
    if len(suffix) > 2000:  # a crafted query is not carried over
        suffix = ""
    active = translation.get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        local_path = bare if code == default else f"/{code}{bare}"
        versions.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": request.build_absolute_uri(local_path) + suffix,
                "path": local_path + suffix,
                "current": code == active,
            }
        )
    return versions
