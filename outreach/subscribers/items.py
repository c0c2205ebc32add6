"""How an article or event reads in a subscriber's mail, in the subscriber's language."""

from django.conf import settings
from django.utils import translation
from django.utils.text import Truncator

from newsroom.dates import tanggal_jam

from ..reach import utm
from .scopes import item_model


def load(kind, pk, public=True):
    """The item, public only (unless `public` is False), or None."""
    queryset = item_model(kind).objects.select_related("unit")
    if public:
        queryset = queryset.published()
    return queryset.filter(pk=pk).first()


def card(item, language):
    """Title, moment, lead and absolute address of `item` as one mail shows it; the
    address is tagged (utm_source=newsletter) so the reach dashboard shows what mail brought."""
    with translation.override(language):
        url = utm.tag(settings.SITE_URL + item.get_absolute_url(), "newsletter", item.slug)
        when = tanggal_jam(getattr(item, "starts_at", None) or item.publish_at)
    lead = getattr(item, "lead", None) or getattr(item, "description", "")
    return {
        "title": item.title,
        "when": when,
        "lead": Truncator(lead).chars(400),
        "url": url,
    }
