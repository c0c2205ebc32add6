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

from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, lookup_field
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

_DATES = (datetime.date, datetime.time)
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

    def __call__(self, obj):
        try:
            value = self.read(obj)
        except ObjectDoesNotExist:
            shown, classes = self.missing, self.plain_class
        else:
            if isinstance(value, str) and value.strip() == "":
                value = ""
            shown, classes = self._shown(value)
        shown = self._link(obj, shown) if self.linked else conditional_escape(shown)
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
        return f'<a href="{conditional_escape(url)}">{conditional_escape(shown)}</a>'


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
    """A field's choices as a dictionary, built once rather than for every cell."""
    if field is None or not getattr(field, "flatchoices", None):
        return None
    try:
        return dict(field.flatchoices)
    except TypeError:  # unhashable choices: Django's own display copes
        return None
