"""How the portal's templates write dates, times, page links, share links and JSON-LD.

Thin wrappers: the formatting lives in `newsroom.dates`, the addresses in
`articles.portal.links`, the JSON-LD in `articles.portal.jsonld`.
"""

from django import template

from newsroom import dates

from ..models.events import by_speaker
from ..portal import jsonld, links, stored

register = template.Library()

for _name in ("tanggal", "tanggal_pendek", "jam", "tanggal_jam", "iso", "bulan_tahun"):
    register.filter(_name, getattr(dates, _name))
register.simple_tag(dates.rentang_waktu, name="rentang_waktu")
register.filter("by_speaker", by_speaker)
register.filter("ld_json", jsonld.script_tag)
register.simple_tag(links.share_links, name="share_links")
register.filter("web_url", links.web_url)


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
    return links.canonical_url(context["request"], context.get("query"), context.get("page"))


@register.simple_tag(takes_context=True)
def language_versions(context):
    return links.language_versions(context["request"], context.get("query"), context.get("page"))


@register.simple_tag
def card(article, level=2, snippet=False):
    """`{% card article 3 %}`: an article's list card, stored or rendered now."""
    return stored.card_html(article, level, snippet)
