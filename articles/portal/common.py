"""What every public page view shares: pagination, list cards, the public querysets, the
page's search-engine description, and 404-or-410 for items not (or no longer) public.

Every query starts from `published()`. Lists load what their cards show in a fixed
number of queries (select_related for single objects, prefetch for sets), so a page
costs the same whether it lists 5 items or 50.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ..models import Article, Event

PER_PAGE = 12


def paginate(request, queryset, param="hal", per_page=PER_PAGE):
    """One page of `queryset`; a bad or too-large page number gives the nearest real page."""
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))
    page.param = param
    return page


def article_cards(queryset):
    """Articles as list cards show them: the body and search document stay in the database."""
    return queryset.for_listing().defer("body", "search_vector")


def event_cards(queryset):
    return queryset.select_related("unit").prefetch_related("organisers")


def public_articles():
    return Article.objects.published()


def public_events():
    return Event.objects.published()


def seo(title=None, description=None, image=None, og_type="website", robots=None):
    """What a page tells search engines and social networks about itself (base.html)."""
    return {
        "page_title": title,
        "page_description": Truncator(description or "").chars(200) if description else None,
        "page_image": image,
        "og_type": og_type,
        "robots": robots,
    }


def public_or_gone(queryset, request, **lookup):
    """The published item; 410 if the public saw it once (`departed()`); 404 otherwise."""
    item = queryset.published().filter(**lookup).first()
    if item is None:
        if queryset.departed().filter(**lookup).exists():
            return None, render(request, "410.html", seo(title=_("Konten ditarik")), status=410)
        raise Http404
    return item, None
