"""Reading what the projection stored (`articles.models.projections`): its format, cards.

`FORMAT` is a digest of everything a stored page was rendered from: the templates, the
translation catalogues, the static files' manifest and the settings pages print. A
deployment that changes any of them gives every process a new digest, and rows written
under the old one are simply not found (pages render live until they are written again:
`manage.py project_articles`).
"""

import hashlib
from pathlib import Path

import django
from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.template import loader
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsroom.statements import Statement

from ..models import Projection

CARD = "articles/_card.html"
# Cards are stored at this heading level and given the list's own (`card_html`), and
# with their lead between marks, where a search result shows its snippet instead.
LEVEL = "§"
LEAD, LEAD_END = "<!--lead-->", "<!--/lead-->"
# Raised by hand when Python code that renders a stored page or card changes its output
# (picture markup, date formats, JSON-LD); template and catalogue changes need nothing.
CODE_VERSION = "1"
# Settings a stored page prints, besides templates and catalogues.
PRINTED_SETTINGS = (
    "NEWSROOM_SITE_NAME",
    "NEWSROOM_PUBLISHER_NAME",
    "NEWSROOM_REACH",
    "NEWSROOM_REACH_BEACON_PATH",
    "STATIC_URL",
    "MEDIA_URL",
    "STORAGES",
    "LANGUAGES",
    "TIME_ZONE",
)


def _digest():
    digest = hashlib.sha256(f"{CODE_VERSION}|{django.__version__}".encode())
    for name in PRINTED_SETTINGS:
        digest.update(repr(getattr(settings, name, None)).encode())
    base = Path(settings.BASE_DIR)
    files = sorted(base.glob("templates/**/*.html"))
    files += sorted(base.glob("*/templates/**/*.html"))
    files += sorted(base.glob("locale/*/LC_MESSAGES/django.mo"))
    if settings.STATIC_ROOT:
        files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for path in files:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_FORMAT = []


def current_format():
    if not _FORMAT:
        _FORMAT.append(_digest())
    return _FORMAT[0]


def column(field, language=None):
    """A subquery for `field` of the article's projection in `language` (the active one)."""
    rows = Projection.objects.filter(
        article=OuterRef("pk"),
        language=language or translation.get_language(),
        format=current_format(),
    )
    return Subquery(rows.values(field)[:1])


def with_card(queryset, language=None):
    """`queryset` of articles with their stored card in `language` (or None)."""
    return queryset.annotate(projected_card=column("card", language))


class Card:
    """A stored card where a list expects an article (`card_html` reads only this)."""

    def __init__(self, html):
        self.projected_card = html


def _stored_cards(keys, language):
    rows = Projection.objects.filter(article_id__in=keys, language=language)
    return rows.filter(format=current_format()).values_list("article_id", "card")


_CARDS = Statement(_stored_cards)


def cards(keys, live):
    """The cards of articles `keys` (already chosen through `published()`), in order:
    stored ones in one query, the rest from `live(missing_keys)`, a queryset of articles."""
    found = cards_by_key(keys, live)
    return [found[key] for key in keys if key in found]


def cards_by_key(keys, live):
    """{key: card} of `cards`; a key whose article `live` no longer finds is left out."""
    if not keys:
        return {}
    found = {
        key: Card(html)
        for key, html in _CARDS.rows(keys=list(keys), language=translation.get_language())
    }
    missing = [key for key in keys if key not in found]
    if missing:
        found.update(live(missing).in_bulk())
    return found


def card_html(article, level=2, snippet=False):
    """An article's card: the stored one at `level`, or rendered now. A search result's
    card shows its snippet where the stored card has the lead (between LEAD marks)."""
    stored = getattr(article, "projected_card", None)
    if not stored:
        context = {"article": article, "level": level, "snippet": snippet}
        return loader.render_to_string(CARD, context)
    html = stored.replace(f"<h{LEVEL}", f"<h{level}").replace(f"</h{LEVEL}", f"</h{level}")
    before, _mark, rest = html.partition(LEAD)
    lead, _mark, after = rest.partition(LEAD_END)
    if snippet:
        lead = format_html('<p class="snippet" lang="id">{}</p>', article.snippet_html)
    return mark_safe(before + lead + after)  # noqa: S308 - rendered by CARD, escaped there


def attach_cards(articles):
    """Give each of `articles` (model rows chosen through `published()`) its stored card."""
    found = dict(_CARDS.rows(keys=[a.pk for a in articles], language=translation.get_language()))
    for article in articles:
        article.projected_card = found.get(article.pk)
    return articles
