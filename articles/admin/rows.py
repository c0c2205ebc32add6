"""A page of a long list's rows, each column worked out once per page.

Django's `items_for_result` works out again for every cell what its column is (model
field or display function, empty-value text, CSS class, link or not) and puts each cell
through `format_html`: 300 cells on an editor's page of articles, a third of what the
page cost. Here each column is worked out once, a cell costs only its own value, and a
row reaches the template as one string. The HTML is Django's, character for character
(`tests/admin/test_list_rows.py` compares the two); a list this does not cover (editable
rows, a popup picker) is left to Django.
"""

import datetime
import html

from django.conf import settings
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, lookup_field
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

_DATES = (datetime.date, datetime.time)
# Django's own strings in its results template, translated by Django's catalogue (ours
# holds the source strings of this project only).
SORT_PRIORITY = "Sorting priority: %(priority_number)s"
SORT_REMOVE = "Remove from sorting"
SORT_TOGGLE = "Toggle sorting"
_NOWRAP_FIELDS = (models.DateField, models.TimeField, models.ForeignKey)


def result_list(cl):
    """What Django's `{% result_list %}` hands its template, the rows written here."""
    if cl.formset is not None or cl.is_popup or not cl.result_list:
        return admin_list.result_list(cl)
    try:
        columns = _columns(cl, cl.result_list[0])
    except ObjectDoesNotExist:  # a column's related row is gone: Django copes per cell
        return admin_list.result_list(cl)
    headers = list(admin_list.result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],  # only an editable list's forms have them
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": [admin_list.ResultList(None, [_row(columns, obj)]) for obj in cl.result_list],
    }


def table(data):
    """The HTML Django's own `admin/change_list_results.html` renders from `result_list`'s
    data, character for character, written without the template: a template tag per
    header and per row cost more than the rows' cells.

    Only for data with rows and no editable forms (`result_list`'s own rows); None
    otherwise, and the template renders it.
    """
    results = data.get("results")
    if not results or data.get("result_hidden_fields") or any(row.form for row in results):
        return None
    several = data["num_sorted_fields"] > 1
    headers = "".join(_header(header, several) for header in data["result_headers"])
    rows = "".join(f"\n\n<tr>{''.join(row)}</tr>\n" for row in results)
    return mark_safe(  # noqa: S308 (headers and cells escaped as written)
        '\n\n\n<div class="results">\n<table id="result_list">\n<thead>\n<tr>\n'
        f"{headers}\n</tr>\n</thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>\n\n"
    )


def _header(header, several):
    sort = ""
    if header["sortable"] and header["sort_priority"] > 0:
        priority = ""
        if several:
            title = gettext(SORT_PRIORITY) % {
                "priority_number": conditional_escape(header["sort_priority"])
            }
            priority = (
                f'<span class="sortpriority" title="{title}">'
                f"{conditional_escape(header['sort_priority'])}</span>"
            )
        order = "ascending" if header["ascending"] else "descending"
        sort = (
            '\n       <div class="sortoptions">\n'
            f'         <a class="sortremove" href="{escape(header["url_remove"])}"'
            f' title="{escape(gettext(SORT_REMOVE))}"></a>\n'
            f"         {priority}\n"
            f'         <a href="{escape(header["url_toggle"])}" class="toggle {order}"'
            f' title="{escape(gettext(SORT_TOGGLE))}"></a>\n'
            "       </div>\n   "
        )
    text = _capfirst(header["text"])
    if header["sortable"]:
        text = f'<a href="{escape(header["url_primary"])}">{text}</a>'
    else:
        text = f"<span>{text}</span>"
    return (
        f'\n<th scope="col"{header["class_attrib"]}>\n   {sort}\n'
        f'   <div class="text">{text}</div>\n   <div class="clear"></div>\n</th>'
    )


def _capfirst(text):
    """The template's `{{ text|capfirst }}`: a safe text stays markup, any other is escaped."""
    text = str(text)
    first = text and text[0].upper() + text[1:]
    return first if isinstance(text, SafeData) else escape(first)


def _row(columns, obj):
    return mark_safe("".join(cell(obj) for cell in columns))  # noqa: S308 (each cell escaped)


def _columns(cl, sample):
    """One function per column, turning a row into that column's finished cell."""
    links = cl.list_display_links
    empty = cl.model_admin.get_empty_value_display()
    columns, first = [], True
    for index, name in enumerate(cl.list_display):
        linked = links is not None and ((first and not links) or name in links)
        tag = "th" if linked and first else "td"
        first = first and not linked
        columns.append(_Column(cl, name, index, sample, str(empty), linked, tag))
    return columns


class _Column:
    """What `items_for_result` decides for each cell, decided for the column."""

    def __init__(self, cl, name, index, sample, empty, linked, tag):
        self.cl, self.linked, self.tag = cl, linked, tag
        field, attr, _value = lookup_field(name, sample, cl.model_admin)
        self.read = _reader(name, field, cl.model_admin)
        self.plain_class = "field-" + admin_list._coerce_field_name(name, index)
        self.missing = empty  # a related row gone: the admin's empty text, plain class
        classes = [self.plain_class]
        if field is None or field.auto_created:
            self.field = None
            self.empty = str(getattr(attr, "empty_value_display", empty))
            self.boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                self.boolean = getattr(attr.fget, "boolean", False)
            if name == "action_checkbox":
                classes = ["action-checkbox"]
        else:
            self.field, self.empty = field, empty
            if isinstance(field, _NOWRAP_FIELDS):
                classes.append("nowrap")
        self.classes = " ".join(classes)
        self.choices = _choices(self.field)
        self.times = _LocalTimes() if _plain_datetimes(self.field) else None
        if self.field is None:
            self.plain_text = not self.boolean
        else:
            self.plain_text = (
                isinstance(self.field, (models.CharField, models.TextField))
                and not isinstance(self.field, models.URLField)
                and self.choices is None
            )

    def __call__(self, obj):
        try:
            value = self.read(obj)
        except ObjectDoesNotExist:
            shown, classes = self.missing, self.plain_class
        else:
            if isinstance(value, str):
                if value.strip() == "":
                    value = ""
                if self.plain_text:  # what display_for_value or _field make of text
                    shown, classes = value or self.empty, self.classes
                else:
                    shown, classes = self._shown(value)
            else:
                shown, classes = self._shown(value)
        shown = self._link(obj, shown) if self.linked else _escaped(shown)
        return f'<{self.tag} class="{classes}">{shown}</{self.tag}>'

    def _shown(self, value):
        field = self.field
        if field is None:
            classes = self.classes + " nowrap" if isinstance(value, _DATES) else self.classes
            return display_for_value(value, self.empty, self.boolean), classes
        if isinstance(field.remote_field, models.ManyToOneRel):
            return (self.empty if value is None else value), self.classes
        if self.choices is not None:
            return self.choices.get(value, self.empty), self.classes
        if self.times is not None and isinstance(value, datetime.datetime):
            return self.times(value), self.classes
        return display_for_field(value, field, self.empty, avoid_link=self.linked), self.classes

    def _link(self, obj, shown):
        cl = self.cl
        try:
            url = cl.url_for_result(obj)
        except NoReverseMatch:
            return conditional_escape(shown)
        if cl.preserved_filters:
            context = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}
            url = add_preserved_filters(context, url)
        return f'<a href="{_escaped(url)}">{_escaped(shown)}</a>'


def _escaped(shown):
    """`conditional_escape`, without its checks for lazy text on every cell: markup as it
    is, anything else escaped as Django escapes it (`html.escape` of its text)."""
    if hasattr(shown, "__html__"):
        return shown.__html__()
    return html.escape(str(shown))


def _reader(name, field, model_admin):
    """The shortest way to the value `lookup_field` finds for this column."""
    if field is not None:
        return lambda obj: getattr(obj, name)
    if callable(name):
        return name
    if hasattr(model_admin, name) and name != "__str__":
        return getattr(model_admin, name)
    return lambda obj: lookup_field(name, obj, model_admin)[2]


def _choices(field):
    """A field's choices as a dictionary, built (and its labels translated) once rather
    than for every cell."""
    if field is None or not getattr(field, "flatchoices", None):
        return None
    try:
        return {value: str(label) for value, label in dict(field.flatchoices).items()}
    except TypeError:  # unhashable choices: Django's own display copes
        return None


def _plain_datetimes(field):
    """A date-and-time column Django would localize, nothing else about it to decide."""
    return isinstance(field, models.DateTimeField) and not getattr(field, "flatchoices", None)


# Format characters whose text is a translated name: one per month, weekday or half day.
_BY_MONTH = frozenset("bEFMN")
_BY_WEEKDAY = frozenset("Dl")
_BY_HALF_DAY = frozenset("aA")


class _LocalTimes:
    """A datetime column's cells as `display_for_field` writes them (local time, the
    language's DATETIME_FORMAT), the format split once per page instead of once per cell
    and each month or day name translated once."""

    def __init__(self):
        split = dateformat.re_formatchars.split(str(get_format("DATETIME_FORMAT")))
        self.pieces = [
            (bool(position % 2), piece if position % 2 else dateformat.re_escaped.sub(r"\1", piece))
            for position, piece in enumerate(split)
            if piece
        ]
        self.names = {}
        self.zone = timezone.get_current_timezone() if settings.USE_TZ else None

    def __call__(self, value):
        # timezone.template_localtime, the page's time zone read once
        aware = value.utcoffset() is not None
        if self.zone is not None and aware and getattr(value, "convert_to_local_time", True):
            value = value.astimezone(self.zone)
        written = dateformat.DateFormat(value)
        return "".join(
            self._named(written, piece) if code else piece for code, piece in self.pieces
        )

    def _named(self, written, piece):
        data = written.data
        if piece in _BY_MONTH:
            key = (piece, data.month)
        elif piece in _BY_WEEKDAY:
            key = (piece, data.weekday())
        elif piece in _BY_HALF_DAY:
            key = (piece, data.hour > 11)
        else:
            return str(getattr(written, piece)())
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = str(getattr(written, piece)())
        return name
