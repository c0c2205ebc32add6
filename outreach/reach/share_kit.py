"""The share kit of an article or event: its social card as four networks show it, and
one tagged link per channel.

The card is read from what the public page itself puts in its Open Graph tags: the page's
own context (`articles.portal.pages`) gives `page_title`, `page_description` and
`page_image`, which `templates/base.html` writes as og:title, og:description and og:image
(a test compares the two). The limits below are where each network's card cuts a line
today, in characters, measured on their phone layouts; they are approximate (the cut
falls on a width, not a count) and change with the networks' designs.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from articles.images.markup import social_image_url
from articles.portal.pages import event_context
from articles.portal.story import article_context

from . import channels, utm

# A picture under this is not shown large by Facebook and LinkedIn (the card turns into a
# small square or no picture); 1200x630 is what every network shows best.
MIN_WIDTH, MIN_HEIGHT = 600, 315
BEST = "1200×630"


@dataclass(frozen=True)
class Network:
    name: str
    label: str
    title_limit: int
    description_limit: int | None  # None: the card shows no description
    crop: str  # "wide" 1.91:1 above the text, "square" beside it


NETWORKS = (
    Network("whatsapp", "WhatsApp", 65, 80, "square"),
    Network("facebook", "Facebook", 88, 110, "wide"),
    Network("x", "X", 70, None, "wide"),
    Network("linkedin", "LinkedIn", 70, None, "wide"),
)


@dataclass
class Card:
    network: Network
    title: str
    description: str
    title_cut: bool
    description_cut: bool


@dataclass
class Kit:
    title: str
    description: str
    image_url: str
    image_size: tuple | None
    domain: str
    url: str
    cards: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    links: list = field(default_factory=list)


def open_graph(request, item):
    """(title, description, picture) exactly as the item's public page tells networks."""
    if item._meta.model_name == "event":
        context = event_context(request, item)
    else:
        context = article_context(request, item)
    title = context.get("page_title") or settings.NEWSROOM_SITE_NAME
    description = context.get("page_description") or settings.NEWSROOM_PUBLISHER_NAME
    return str(title), str(description), context.get("page_image")


def cut(text, limit):
    if limit is None:
        return "", False
    if len(text) <= limit:
        return text, False
    return text[: limit - 1].rstrip() + "…", True


def build(request, item, campaign):
    title, description, picture = open_graph(request, item)
    url = settings.SITE_URL + item.get_absolute_url()
    kit = Kit(
        title=title,
        description=description,
        image_url=social_image_url(picture, request) if picture is not None else "",
        image_size=(picture.width, picture.height) if picture is not None else None,
        domain=urlsplit(settings.SITE_URL).hostname or "",
        url=url,
    )
    for network in NETWORKS:
        shown_title, title_cut = cut(title, network.title_limit)
        shown_description, description_cut = cut(description, network.description_limit)
        kit.cards.append(Card(network, shown_title, shown_description, title_cut, description_cut))
        if title_cut:
            kit.warnings.append(
                _("Judul terpotong di %(network)s (lebih dari %(n)d karakter).")
                % {"network": network.label, "n": network.title_limit}
            )
        if description_cut:
            kit.warnings.append(
                _("Deskripsi terpotong di %(network)s (lebih dari %(n)d karakter).")
                % {"network": network.label, "n": network.description_limit}
            )
    kit.warnings += picture_warnings(kit)
    kit.links = [
        (source, channels.LABELS[source], utm.tag(url, source, campaign)) for source in utm.SOURCES
    ]
    return kit


def picture_warnings(kit):
    if not kit.image_url:
        return [
            _(
                "Tidak ada gambar: jejaring menampilkan logo situs yang kecil atau tanpa "
                "gambar. Pasang gambar utama (paling baik %(best)s)."
            )
            % {"best": BEST}
        ]
    width, height = kit.image_size if kit.image_size and all(kit.image_size) else (0, 0)
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return [
            _(
                "Gambar terlalu kecil (%(w)d×%(h)d): Facebook dan LinkedIn tidak menampilkannya "
                "besar. Paling kecil %(min)s, paling baik %(best)s."
            )
            % {"w": width, "h": height, "min": f"{MIN_WIDTH}×{MIN_HEIGHT}", "best": BEST}
        ]
    return []
