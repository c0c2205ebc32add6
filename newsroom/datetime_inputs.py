"""One way to type a date and a time in the admin (issue 27): the day first and a 24-hour
clock on WIB, "25-06-2020" and "10.00 WIB", in two plain text boxes with the admin's
calendar and clock buttons, whatever the browser's own language or date picker.

Every admin's date and time fields get these (`WIBDatesAdminMixin`, part of every model
admin through `limits.BoundedInputAdminMixin`); forms of our own (scheduling, coverage,
embargoes) use `WIBDateTimeField`. The accepted spellings are in `newsroom/formats/`.
A form posting one value under the field's own name ("2026-12-08T10:00", as the browser's
datetime-local box sent it before) is still read, so older pages and scripts keep working.
"""

from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dates import wib

DATE_FORMAT = "%d-%m-%Y"
TIME_FORMAT = "%H.%M"


def split(value):
    """One posted value, "2026-12-08T10:00" or "08-12-2026 10.00", as [date, time]."""
    return (value.strip().replace("T", " ", 1).split(None, 1) + ["", ""])[:2]


class WIBDateInput(admin_widgets.AdminDateWidget):
    def __init__(self, attrs=None, format=None):
        attrs = {"placeholder": _("hh-bb-tttt"), "inputmode": "numeric", **(attrs or {})}
        super().__init__(attrs, format or DATE_FORMAT)


class WIBTimeInput(admin_widgets.AdminTimeWidget):
    def __init__(self, attrs=None, format=None):
        attrs = {"placeholder": _("jj.mm"), "inputmode": "numeric", **(attrs or {})}
        super().__init__(attrs, format or TIME_FORMAT)


class WIBDateTimeWidget(admin_widgets.AdminSplitDateTime):
    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(self, [WIBDateInput, WIBTimeInput], attrs)
        # The field's label names the date box; the time box names itself.
        self.widgets[1].attrs.setdefault("aria-label", _("Jam (WIB)"))

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["date_label"] = _("Tanggal:")
        context["time_label"] = _("Jam (WIB):")
        return context

    def decompress(self, value):
        """An aware time shown on the WIB clock, to the minute; one posted value shown
        back as typed."""
        if isinstance(value, str):
            return split(value)
        if value:
            value = wib(value)
            return [value.date(), value.time().replace(second=0)]
        return [None, None]

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data.get(name)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


class WIBDateTimeField(forms.SplitDateTimeField):
    widget = WIBDateTimeWidget

    def clean(self, value):
        if isinstance(value, str):
            value = split(value)
        return super().clean(value)

    def has_changed(self, initial, data):
        return super().has_changed(initial, split(data) if isinstance(data, str) else data)


class WIBDatesAdminMixin:
    """Model admins and inlines: every date and time field typed the one way."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField):
            kwargs.setdefault("form_class", WIBDateTimeField)
            kwargs.setdefault("widget", WIBDateTimeWidget)
        elif isinstance(db_field, models.DateField):
            kwargs.setdefault("widget", WIBDateInput)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
