"""What every public page view shares: pagination, list cards, the public querysets, the
page's search-engine description, and 404-or-410 for items not (or no longer) public.

Every query starts from `published()`. Lists load what their cards show in a fixed
number of queries (select_related for single objects, prefetch for sets), so a page
costs the same whether it lists 5 items or 50.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from newsroom.paging import KeysFirstPaginator
from newsroom.statements import Statement
from units.models import WorkUnit

from ..models import Article, Event, freshness
from .stored import cards

PER_PAGE = 12


class CountedOncePaginator(KeysFirstPaginator):
    """A paginator that counts a list once per content generation, not on every request.

    The count of a long list (a section over ten years) is the most expensive query of its
    pages, and it is the same for page 1 and page 2,000 until something is published or
    withdrawn, or a scheduled item's time comes, all of which move the generation and
    with it this key. `list_key` names the list: the page's path, its filters, the
    parameter that pages through it. Every page is read keys first (`by_key`), so page 1
    and page 2,000 run the same queries; search results, a few hundred candidates at
    most, are read whole.
    """

    def __init__(self, object_list, per_page, list_key, by_key=True):
        super().__init__(object_list, per_page)
        self.list_key = list_key
        self.keys_from = 0 if by_key else float("inf")

    @cached_property
    def count(self):
        return freshness.kept(f"count:{self.list_key}", lambda: Paginator.count.func(self))

    def page(self, number):
        """A page of article cards takes the stored ones by key (`stored.cards`)."""
        if self.keys_from or self.object_list.model is not Article:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = cards(keys, lambda missing: self.object_list.filter(pk__in=missing))
        return self._get_page(rows, number, self)


def list_key(request, param):
    filters = sorted((k, v) for k, v in request.GET.lists() if not k.startswith("hal"))
    return f"{request.path}|{param}|{filters}"


def paginate(request, queryset, param="hal", per_page=PER_PAGE, by_key=True):
    """One page of `queryset`; a bad or too-large page number gives the nearest real page."""
    paginator = CountedOncePaginator(queryset, per_page, list_key(request, param), by_key)
    page = paginator.get_page(request.GET.get(param))
    page.param = param
    return page


def article_cards(queryset):
    """Articles as list cards show them: the body and search document stay in the
    database. Lists take their stored cards by key (`stored.cards`)."""
    return queryset.for_listing()


def event_cards(queryset):
    return queryset.select_related("unit").prefetch_related("organisers")


def _organisers(keys):
    links = Event.organisers.through.objects.filter(event_id__in=keys)
    return links.select_related("workunit").order_by("workunit__name", "workunit__pk")


_ORGANISERS = Statement(_organisers)


def attach_organisers(events):
    """Give `events` (rows of a statement, which cannot prefetch) their organisers as
    `prefetch_related("organisers")` would, in one compiled query."""
    found = {}
    for link in _ORGANISERS.rows(keys=[event.pk for event in events]):
        found.setdefault(link.event_id, []).append(link.workunit)
    for event in events:
        units = WorkUnit.objects.none()
        units._result_cache, units._prefetch_done = found.get(event.pk, []), True
        event._prefetched_objects_cache = {"organisers": units}
    return events


def public_articles(at=None):
    return Article.objects.published(at)


def public_events(at=None):
    return Event.objects.published(at)


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
