"""The events agenda: upcoming and past events, filtered by kind and work unit."""

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units.models import WorkUnit

from ..models import Event, EventKind
from .common import event_cards, paginate, public_events, seo


class AgendaFilter(forms.Form):
    """The agenda's GET filter. Unknown values are dropped, never an error page."""

    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis kegiatan"),
        required=False,
        choices=[("", gettext_lazy("Semua jenis")), *EventKind.choices],
    )
    unit = forms.ChoiceField(label=gettext_lazy("Unit kerja"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Semua unit"))] + [
            (unit.slug, unit.name) for unit in units
        ]

    def filter(self, events):
        if not self.is_bound:
            return events
        self.is_valid()  # an invalid field is left out of cleaned_data; the others still apply
        if kind := self.cleaned_data.get("jenis"):
            events = events.filter(kind=kind)
        if slug := self.cleaned_data.get("unit"):
            events = events.filter(
                pk__in=Event.objects.filter(
                    Q(unit__slug=slug)
                    | Q(organisers__slug=slug)
                    | Q(participating_units__slug=slug)
                ).values("pk")
            )
        return events


def event_list(request):
    events = public_events()
    # Probed unit by unit (a handful), never by reading every event to collect units.
    units = WorkUnit.objects.filter(
        Exists(events.filter(unit=OuterRef("pk")))
        | Exists(events.filter(organisers=OuterRef("pk")))
    )
    form = AgendaFilter(request.GET or None, units=units)
    events = form.filter(events)
    now = timezone.now()
    return render(
        request,
        "articles/event_list.html",
        {
            "form": form,
            "upcoming": paginate(request, event_cards(events.not_over(now))),
            "past": paginate(
                request,
                event_cards(events.filter(ends_at__lt=now)).order_by("-starts_at", "-pk"),
                param="hal_lalu",
            ),
            **seo(_("Agenda kegiatan"), _("Kegiatan yang akan datang dan yang telah berlangsung.")),
        },
    )
