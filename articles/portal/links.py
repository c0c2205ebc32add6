"""Addresses a portal page gives out: its canonical URL and where readers share it."""

from urllib.parse import quote, urlencode

from django.http import QueryDict

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
