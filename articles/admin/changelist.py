"""The admin lists at archive size: 100,000 articles, 10,000 events, thousands of
speakers and pictures.

Every query of a list page is answered by an index in time that does not grow with the
archive: one count when nothing narrows the list (Django counts twice, the second time
including pending copies the list never shows), the heavy text columns left in the
database, and the date bar's years, months or days found by one probe per period
instead of truncating every row's date. While nothing narrows the list, the count and
the date bar are kept until content changes (`list_memo.py`).
"""

import html
from datetime import datetime, timedelta
from urllib.parse import quote as url_quote

from django import forms
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME, ActionForm
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import InvalidPage
from django.db import connections
from django.db.models import F, Max, Min, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsroom.paging import KeysFirstPaginator

from .list_memo import ListMemo
from .search_limits import SearchPaginator, indexable_words, searched, tell_if_capped

# Beyond this many candidate periods between the first and last date (an archive
# stretching back centuries), Django's own distinct-date query is cheaper.
MAX_PROBES = 40
_PK_SLOT = "__pk__"
_PROBED = "probed_at"
# Django's own message, translated by Django's catalogue ("Pilih objek ini untuk suatu
# aksi - ..."); ours holds the Indonesian source strings of this project only.
CHECKBOX_LABEL = "Select this object for an action - {}"
_CHECKBOX_LABELS = {}  # per language, translated once rather than for every row


def _checkbox_label():
    language = get_language()
    label = _CHECKBOX_LABELS.get(language)
    if label is None:
        label = _CHECKBOX_LABELS[language] = _(CHECKBOX_LABEL)
    return label


def _next_start(start, kind):
    if kind == "year":
        return start.replace(year=start.year + 1)
    if kind == "month":
        return (start + timedelta(days=32)).replace(day=1)
    return start + timedelta(days=1)


def _period_starts(first, last, kind):
    """Each year, month or day from `first` to `last` (local), as naive datetimes."""
    start = datetime(
        first.year,
        1 if kind == "year" else first.month,
        first.day if kind == "day" else 1,
    )
    last = last.replace(tzinfo=None)
    while start <= last:
        yield start
        start = _next_start(start, kind)


class PeriodProbingQuerySet(QuerySet):
    """`datetimes()` for the admin's date bar by probing each period with an index.

    Django's version truncates the date of every row in the list and sorts them to find
    the ten or so distinct years, work that grows with the list. Here each candidate period
    between the first and the last date is one EXISTS test on the indexed field, all in
    one query, whatever the number of rows. The list's own query is compiled once and
    probed as a subquery (the databases fold it in, so each test is an index lookup):
    eleven ORM subqueries built from the list's queryset cost more Python than that.
    """

    # The list's kept answers (`list_memo`), when nothing narrows it.
    memo = None

    def _kept(self, name, find):
        return find() if self.memo is None else self.memo.get(name, find)

    def aggregate(self, *args, **kwargs):
        """Answered as Django's; the date bar's first and last date are remembered, as
        it asks for them just before asking this same list for its periods."""
        first = kwargs.get("first")
        if args or kwargs.keys() != {"first", "last"} or not isinstance(first, Min):
            return super().aggregate(*args, **kwargs)
        parent = super().aggregate
        name = ("bounds", str(first), str(kwargs["last"]))
        result = self._kept(name, lambda: parent(*args, **kwargs))
        self._bounds = (first, kwargs["last"], result)
        return result

    def _first_and_last(self, field_name):
        first, last = Min(field_name), Max(field_name)
        known = getattr(self, "_bounds", None)
        if known is not None and known[:2] == (first, last):
            return known[2]
        return self.order_by().aggregate(first=first, last=last)

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind not in ("year", "month", "day") or order != "ASC" or tzinfo is not None:
            return super().datetimes(field_name, kind, order, tzinfo)
        zone = timezone.get_current_timezone()
        name = ("periods", field_name, kind, str(zone))
        return self._kept(name, lambda: self._periods(field_name, kind, zone))

    def _periods(self, field_name, kind, zone):
        bounds = self._first_and_last(field_name)
        if bounds["first"] is None:
            return []
        first, last = (timezone.localtime(bounds[end], zone) for end in ("first", "last"))
        starts = list(_period_starts(first, last, kind))
        if len(starts) > MAX_PROBES:
            return list(super().datetimes(field_name, kind))
        aware = [timezone.make_aware(start, zone) for start in starts]
        ends = [*aware[1:], timezone.make_aware(_next_start(starts[-1], kind), zone)]
        return [aware[position] for position in self._probe(field_name, aware, ends)]

    def _probe(self, field_name, starts, ends):
        """Which periods [start, end) hold a row of the list, by their position.

        The periods are rows of one VALUES list and the list is tested against each in
        one correlated EXISTS: the database plans that test once (an index lookup per
        period), where a separate EXISTS per period cost PostgreSQL four times the
        planning, more than running all of them.
        """
        connection = connections[self.db]
        field = self.model._meta.get_field(field_name)
        listed, params = self.order_by().values(**{_PROBED: F(field_name)}).query.sql_with_params()
        periods = ", ".join(["(%s, %s, %s)"] * len(starts))
        sql = (
            f"WITH periods(nth, starts, ends) AS (VALUES {periods}) "
            "SELECT periods.nth FROM periods WHERE EXISTS("
            f"SELECT 1 FROM ({listed}) listed "
            f"WHERE listed.{_PROBED} >= periods.starts AND listed.{_PROBED} < periods.ends)"
            " ORDER BY periods.nth"
        )
        values = []
        for position, (start, end) in enumerate(zip(starts, ends, strict=True)):
            values += [position, *(field.get_db_prep_value(at, connection) for at in (start, end))]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*values, *params])
            return [position for (position,) in cursor.fetchall()]


class ListPaginator(KeysFirstPaginator):
    """An admin list's pages: the first twenty read whole, in one query (what staff open),
    later ones keys first, so a deep page skips keys, not wide rows (`newsroom.paging`)."""

    keys_from = 1000


class ArchiveChangeList(ChangeList):
    """Django's list, with each query bounded by an index rather than by the archive."""

    def listed(self, queryset):
        """What the list shows of a queryset (all of it, here)."""
        return queryset

    def get_queryset(self, request, exclude_parameters=None):
        rows = self.listed(super().get_queryset(request, exclude_parameters))
        return PeriodProbingQuerySet(model=rows.model, query=rows.query, using=rows.db)

    def _narrowed(self):
        """A filter, date or search in the address (sorting and paging narrow nothing)."""
        return bool(self.get_filters_params()) or bool(self.query)

    def get_results(self, request):
        """Django's, with the second count only when filters or a search narrow the list,
        and of what the list shows, like the first."""
        if not self._narrowed() and settings.NEWSROOM_SHARED_CACHE:
            scope = self.model_admin.list_memo_scope(request)
            if scope is None:
                self.queryset.memo = ListMemo(self.queryset)
            else:
                whose = (type(self).__name__, self.model._meta.label, self.queryset.db, scope)
                self.queryset.memo = ListMemo(scope=whose)
        only = self.model_admin.list_only
        rows = (
            self.queryset.only(*only)
            if only
            else self.queryset.defer(*self.model_admin.list_deferred)
        )
        paginator = self.model_admin.get_paginator(request, rows, self.list_per_page)
        paginator.count = result_count = self.queryset._kept("count", lambda: paginator.count)
        tell_if_capped(request, paginator)
        if not self.model_admin.show_full_result_count:
            full_result_count = None
        elif self._narrowed():
            full_result_count = self.listed(self.root_queryset).count()
        else:
            full_result_count = result_count
        can_show_all = result_count <= self.list_max_show_all
        multi_page = result_count > self.list_per_page
        if (self.show_all and can_show_all) or not multi_page:
            result_list = rows.all()
        else:
            try:
                result_list = paginator.page(self.page_num).object_list
            except InvalidPage as error:
                raise IncorrectLookupParameters from error
        self.result_count = result_count
        self.show_full_result_count = self.model_admin.show_full_result_count
        self.show_admin_actions = not self.show_full_result_count or bool(full_result_count)
        self.full_result_count = full_result_count
        self.result_list = result_list
        self.can_show_all = can_show_all
        self.multi_page = multi_page
        self.paginator = paginator

    def url_for_result(self, result):
        """The change page's address, reversed once per page rather than once per row."""
        pattern = getattr(self, "_change_url", None)
        if pattern is None:
            pattern = self._change_url = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=(_PK_SLOT,),
                current_app=self.model_admin.admin_site.name,
            )
        key = url_quote(str(quote(getattr(result, self.pk_attname))), RFC3986_SUBDELIMS + "/~:@")
        return pattern.replace(_PK_SLOT, key, 1)  # escaped as reverse() escapes it


class OriginalsChangeList(ArchiveChangeList):
    """Lists show originals; a pending copy is reached from its live item's page."""

    def listed(self, queryset):
        return queryset.filter(copy_of__isnull=True)


class KeptSelect(forms.Select):
    """The list's action menu: the same few actions on every page of a list, yet rendered
    through three widget templates per option each time. Rendered once per distinct menu
    (language, name, value, attributes, choices) and kept in the worker."""

    KEPT = 256
    _kept = {}

    def render(self, name, value, attrs=None, renderer=None):
        choices = [(str(key), label) for key, label in self.choices]
        if any(isinstance(label, (list, tuple)) for _key, label in choices):
            return super().render(name, value, attrs, renderer)  # groups: not kept
        key = (
            get_language(), name, repr(value), _attributes(attrs), _attributes(self.attrs),
            tuple((key, str(label)) for key, label in choices), self.is_required,
            id(renderer),
        )  # fmt: skip
        html = self._kept.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            if len(self._kept) >= self.KEPT:
                self._kept.clear()
            self._kept[key] = html
        return html


def _attributes(attrs):
    return tuple(sorted((name, type(v).__name__, str(v)) for name, v in (attrs or {}).items()))


class ListActionForm(ActionForm):
    action = forms.ChoiceField(label=ActionForm.base_fields["action"].label, widget=KeptSelect)


class LongListAdminMixin:
    """For a model whose list runs to thousands of rows: the bounded list above, a page an
    editor scans, and rows rendered without a template per cell."""

    # What an editor scans on one screen; a page of 100 rows costs twice the rendering.
    list_per_page = 50
    action_form = ListActionForm
    # Long text no column shows: left in the database when a page of rows is read.
    list_deferred = ()
    # Or, for a model of many columns of which the list shows a few: the only ones a page
    # of rows reads (building each row's instance costs per column read).
    list_only = ()

    def get_changelist(self, request, **kwargs):
        return ArchiveChangeList

    def list_memo_scope(self, request):
        """What alone decides which rows the list holds when nothing narrows it, for the
        key of its kept answers (`list_memo`); None: the list's own SQL is the key."""
        return None

    def get_search_results(self, request, queryset, search_term):
        words = indexable_words(request, search_term)
        if search_term and not words:
            return queryset.none(), False
        return super().get_search_results(request, queryset, words)

    def get_paginator(self, request, queryset, per_page, **kwargs):
        if searched(request):
            return SearchPaginator(queryset, per_page, **kwargs)
        return ListPaginator(queryset, per_page, **kwargs)

    def action_checkbox(self, obj):
        """Django's checkbox, written out: rendering its widget template for each of 50
        rows cost as much as all the other columns together."""
        # What format_html would write, without its two passes per row: the translated
        # label is markup of ours, the title and the id are escaped (Django's `escape` is
        # `html.escape`, behind a check for lazy text).
        label = _checkbox_label().format(html.escape(str(obj)))
        key = html.escape(str(obj.pk))
        return mark_safe(  # noqa: S308
            f'<input type="checkbox" name="{ACTION_CHECKBOX_NAME}" value="{key}"'
            f' class="action-select" aria-label="{label}">'
        )
