"""How the portal writes dates, times, page links, share links and JSON-LD.

Dates and times are always shown on the WIB clock (Asia/Jakarta), whatever the interface
language: an English reader sees "Thursday, 25 June 2020" and the same "10.00 WIB".
Day and month names come from Django's locale for the active language.
"""

import json
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from django import template
from django.http import QueryDict
from django.utils import dateformat, timezone
from django.utils.safestring import mark_safe

register = template.Library()

WIB = ZoneInfo("Asia/Jakarta")
FACEBOOK = "https://www.facebook.com/sharer/sharer.php?"
LINKEDIN = "https://www.linkedin.com/sharing/share-offsite/?"


def wib(value):
    """An aware datetime moved to the WIB clock; naive values are taken as WIB already."""
    if value is None:
        return None
    if timezone.is_naive(value):
        return value.replace(tzinfo=WIB, microsecond=0)
    return timezone.localtime(value, WIB).replace(microsecond=0)


@register.filter
def tanggal(value):
    """ "Kamis, 25 Juni 2020" (in English: "Thursday, 25 June 2020")."""
    if not value:
        return ""
    return dateformat.format(wib(value), "l, j F Y")


@register.filter
def tanggal_pendek(value):
    """ "25 Juni 2020": for cards and lists, where the weekday is noise."""
    if not value:
        return ""
    return dateformat.format(wib(value), "j F Y")


@register.filter
def jam(value):
    """ "10.00 WIB"."""
    if not value:
        return ""
    return dateformat.format(wib(value), "H.i") + " WIB"


@register.filter
def tanggal_jam(value):
    """ "Kamis, 25 Juni 2020, 10.00 WIB"."""
    if not value:
        return ""
    return f"{tanggal(value)}, {jam(value)}"


@register.filter
def iso(value):
    """ISO 8601 with the WIB offset, for <time datetime> and JSON-LD."""
    if not value:
        return ""
    return wib(value).isoformat()


@register.filter
def bulan_tahun(value):
    """ "Juni 2020"."""
    if not value:
        return ""
    return dateformat.format(value, "F Y")


@register.simple_tag
def rentang_waktu(starts_at, ends_at):
    """When an event runs: "Kamis, 25 Juni 2020, 10.00–12.00 WIB", or both ends in full."""
    if not starts_at:
        return ""
    start, end = wib(starts_at), wib(ends_at) if ends_at else None
    if end is None or end == start:
        return tanggal_jam(start)
    if end.date() == start.date():
        return f"{tanggal(start)}, {dateformat.format(start, 'H.i')}\u2013{jam(end)}"
    return f"{tanggal_jam(start)} \u2013 {tanggal_jam(end)}"


@register.filter
def by_speaker(roles):
    """Event speaker rows per person, in speaking order: [(speaker, ["Moderator", ...])].

    Someone who both hosts and moderates is one person with two roles, not two entries.
    """
    people = {}
    for row in roles:
        people.setdefault(row.speaker_id, (row.speaker, []))[1].append(row.get_role_display())
    return list(people.values())


@register.simple_tag(takes_context=True)
def page_url(context, number, param="hal"):
    """This page's query string with one page parameter replaced (filters are kept)."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    request = context["request"]
    return request.build_absolute_uri(path if path is not None else request.path)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's one address: the words of a search and the page of a list, nothing else.

    Tracking parameters a social network appends (fbclid, utm_*) never become part of it.
    """
    request = context["request"]
    query = QueryDict(mutable=True)
    if context.get("query"):
        query["q"] = context["query"]
    page = context.get("page")
    if page is not None and getattr(page, "number", 1) > 1:
        query[page.param] = page.number
    url = request.build_absolute_uri(request.path)
    return f"{url}?{query.urlencode()}" if query else url


@register.simple_tag
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


@register.filter
def ld_json(data):
    """A JSON-LD <script>. `<`, `>` and `&` are escaped so no value can end the script."""
    payload = (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
