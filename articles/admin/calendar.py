"""The editorial calendar page, hung under the article admin (`kalender/`).

Reading is for every editorial role, within their units. Scheduling from the calendar
posts the same transition, with the same version check, as the button on the item's
page: `workflow.apply("schedule", ...)` decides and its refusal is shown as is.
"""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from newsroom.dates import WIB, format_when
from newsroom.datetime_inputs import WIBDateTimeField, WIBDateTimeWidget
from units import roles

from .. import workflow
from ..models import Article, Event
from ..workflow import calendar

KINDS = {"berita": Article, "kegiatan": Event}


class CalendarQuery(forms.Form):
    view = forms.ChoiceField(
        label=gettext_lazy("Tampilan"),
        choices=[
            (calendar.MONTH, pgettext_lazy("calendar view", "Bulan")),
            (calendar.WEEK, pgettext_lazy("calendar view", "Pekan")),
        ],
        required=False,
    )
    date = forms.DateField(label=gettext_lazy("Tanggal"), required=False)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit kerja"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Semua unit"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = calendar.units_for(user)


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS])
    pk = forms.IntegerField(min_value=1, max_value=2**63 - 1)  # the ids are 64-bit
    version = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    at = WIBDateTimeField(
        label=gettext_lazy("Waktu terbit (WIB)"),
        error_messages={
            "required": gettext_lazy("Isi waktu terbit (tanggal dan jam, WIB)."),
            "invalid": gettext_lazy("Tulis waktu terbit sebagai tanggal dan jam, WIB."),
        },
    )


class CalendarMixin:
    def get_urls(self):
        route = path(
            "kalender/",
            self.admin_site.admin_view(self.calendar_view),
            name="articles_article_calendar",
        )
        return [route, *super().get_urls()]

    def calendar_view(self, request):
        if not roles.has_any_role(request.user):
            raise PermissionDenied
        if request.method == "POST":
            return self._schedule_from_calendar(request)
        query = CalendarQuery(request.GET, user=request.user)
        query.is_valid()  # a bad value falls back to its default, never a 500
        data = query.cleaned_data
        view = data.get("view") or calendar.MONTH
        today = timezone.localtime(timezone.now(), WIB).date()
        anchor = data.get("date") or today
        if not 1900 <= anchor.year <= 2200:  # keeps the month arithmetic in range
            anchor = today
        unit = data.get("unit")
        previous, following = calendar.neighbours(view, anchor)
        _first, _last, first, last = calendar.period(view, anchor)

        def link(**changes):
            params = {"view": view, "date": anchor.isoformat(), **changes}
            if unit is not None:
                params["unit"] = unit.pk
            return "?" + urlencode(params)

        context = {
            **self.admin_site.each_context(request),
            "title": _("Kalender redaksi"),
            "query": query,
            "view": view,
            "anchor": anchor,
            "first": first,
            "last": last,
            "unit": unit,
            "days": calendar.days(request.user, view, anchor, unit),
            "waiting": [
                {
                    "item": item,
                    "kind": _kind(item),
                    "url": _change_url(item),
                    "at": WIBDateTimeWidget().render("at", None, {"id": f"at-{n}"}),
                }
                for n, item in enumerate(calendar.waiting_for_a_time(request.user, unit), 1)
            ],
            "previous_url": link(date=previous.isoformat()),
            "next_url": link(date=following.isoformat()),
            "today_url": link(date=today.isoformat()),
            "today": today,
            "month_url": link(view=calendar.MONTH),
            "week_url": link(view=calendar.WEEK),
            "weekdays": _weekday_names(),
            "opts": self.model._meta,
            "media": WIBDateTimeWidget().media,
        }
        return TemplateResponse(request, "admin/articles/calendar.html", context)

    def _schedule_from_calendar(self, request):
        back = request.POST.get("next", "")
        target = reverse("admin:articles_article_calendar")
        if back.startswith("?"):
            target += back
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(target)
        model = KINDS[form.cleaned_data["kind"]]
        item = roles.scope_queryset(request.user, model.objects.all()).filter(
            pk=form.cleaned_data["pk"]
        )
        item = item.first()
        if item is None:
            messages.error(request, _("Konten itu tidak ada atau di luar unit Anda."))
            return HttpResponseRedirect(target)
        at = form.cleaned_data["at"]
        if timezone.is_naive(at):
            at = timezone.make_aware(at, WIB)
        try:
            workflow.apply(
                "schedule",
                item,
                request.user,
                at=at,
                expected_version=form.cleaned_data["version"],
            )
        except workflow.WorkflowError as error:
            messages.error(request, f"“{item}”: {error.message}")
            return HttpResponseRedirect(target)
        messages.success(
            request,
            _("“%(title)s” dijadwalkan terbit %(when)s.")
            % {"title": item, "when": format_when(item.publish_at)},
        )
        return HttpResponseRedirect(target)


def _kind(item):
    return "berita" if isinstance(item, Article) else "kegiatan"


def _change_url(item):
    return reverse(f"admin:articles_{item._meta.model_name}_change", args=[item.pk])


def _weekday_names():
    """Monday first, in the interface language, from a known Monday."""
    monday = date(2024, 1, 1)
    return [dateformat.format(monday.replace(day=1 + n), "l") for n in range(7)]
