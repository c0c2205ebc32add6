"""How the portal's templates write dates, times, page links, share links and JSON-LD.

Thin wrappers: the formatting lives in `newsroom.dates`, the addresses in
`articles.portal.links`, the JSON-LD in `articles.portal.jsonld`.
"""

from django import template
from django.template.loader_tags import BlockNode
from django.utils import translation

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


# Enough for every page kind in both languages and the busiest feed scopes; past it a
# block starts again (a crawler walking every topic cannot grow it).
KEPT_MAX = 2048


class KeptNode(template.Node):
    """The block's markup, rendered once per language and set of `vary` values a process
    meets, then reused (held by the compiled template, so it lives as long as that does).

    Only for markup that follows from the language, settings, URLs and the listed values:
    the site's header and navigation, feed links, an event card keyed by everything it
    shows (`shown`). Anything else read from the database, and the clock, stays outside.
    """

    # Not walked for blocks: `{% extends %}` walks the parent's whole tree on every render
    # to find them, and kept markup holds none (`kept` refuses them).
    child_nodelists = ()

    def __init__(self, nodelist, vary):
        self.nodelist, self.vary = nodelist, vary
        self.rendered = {}

    def render(self, context):
        key = (translation.get_language(), *(value.resolve(context) for value in self.vary))
        html = self.rendered.get(key)
        if html is None:
            if len(self.rendered) >= KEPT_MAX:
                self.rendered.clear()
            html = self.rendered[key] = self.nodelist.render(context)
        return html


# What an event card shows of its event, besides the organisers and the speaker's roles.
# The card's markup is kept under these values, so an edit is a new key, never old
# markup; a test holds the list to articles/_event_card.html.
EVENT_CARD_FIELDS = (
    "pk",
    "title",
    "slug",
    "kind",
    "mode",
    "starts_at",
    "ends_at",
    "venue",
    "platform",
)


@register.filter
def shown(event):
    """Everything an event card shows of `event`: the key its kept markup is found by.
    The agenda beside every home page renders the same four cards; kept, they cost a
    dictionary lookup instead of two dozen variable lookups and date formats each."""
    organisers = tuple((unit.slug, str(unit)) for unit in event.organisers.all())
    roles = tuple(role.role for role in getattr(event, "speaker_roles", ()))
    return (*(getattr(event, name) for name in EVENT_CARD_FIELDS), organisers, roles)


@register.tag
def kept(parser, token):
    """`{% kept value... %}...{% endkept %}`: see `KeptNode`."""
    vary = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        # One kept copy serves every template that extends this one: a block in it would
        # show the first child's content on every page.
        raise template.TemplateSyntaxError("{% kept %} cannot hold a {% block %}.")
    return KeptNode(nodelist, vary)
