"""An event's speakers on the event form, new ones included (issue 27).

A speaker not in the library yet is written into the row itself (name, and position if
known) instead of leaving the form for the speaker page: the save creates the speaker,
owned by the author's unit and logged like any shared thing (`workflow.shared`), then the
row points at it. Only staff who may add speakers see those two fields; anyone else
chooses from the library as before.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsroom.limits import BoundedInlineMixin

from ..models import EventSpeaker, Speaker
from ..models.shared import free_slug
from ..workflow import shared
from .publishable import ContentInline

NEW_FIELDS = ["new_name", "new_position"]
SPEAKER_SLUG_LENGTH = Speaker._meta.get_field("slug").max_length


class EventSpeakerForm(forms.ModelForm):
    new_name = forms.CharField(
        label=_("atau narasumber baru: nama"),
        max_length=Speaker._meta.get_field("name").max_length,
        required=False,
        help_text=_("Tanpa gelar; dibuat saat kegiatan disimpan."),
    )
    new_position = forms.CharField(
        label=_("jabatan narasumber baru"),
        max_length=Speaker._meta.get_field("position").max_length,
        required=False,
    )

    class Meta:
        model = EventSpeaker
        fields = ["speaker", "role", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "new_name" in self.fields:
            self.fields["speaker"].required = False

    def clean(self):
        cleaned = super().clean()
        if "new_name" not in self.fields or cleaned.get("DELETE"):
            return cleaned
        name = cleaned.get("new_name", "").strip()
        if cleaned.get("speaker") is not None and name:
            raise ValidationError(
                _("Pilih narasumber dari daftar atau tulis nama narasumber baru, bukan keduanya."),
                code="both",
            )
        if cleaned.get("speaker") is None and not name and "speaker" not in self.errors:
            self.add_error("speaker", _("Pilih narasumber atau tulis nama narasumber baru."))
        return cleaned


def create_new_speakers(user, formsets):
    """Before the rows are saved: make each speaker typed as new and point its row at it."""
    for formset in formsets:
        if formset.model is not EventSpeaker:
            continue
        for row in formset.forms:
            data = getattr(row, "cleaned_data", None) or {}
            name = (data.get("new_name") or "").strip()
            if not name or data.get("DELETE") or data.get("speaker") is not None:
                continue
            speaker = Speaker(
                name=name,
                position=(data.get("new_position") or "").strip(),
                slug=free_slug(Speaker.objects.all(), name, SPEAKER_SLUG_LENGTH, "narasumber"),
                owner_unit_id=shared.owner_for(user),
            )
            speaker.save()
            shared.record(speaker, user, "add", {}, shared.describe(speaker))
            data["speaker"] = row.instance.speaker = speaker


class EventSpeakerInline(ContentInline, BoundedInlineMixin, admin.TabularInline):
    model = EventSpeaker
    form = EventSpeakerForm
    extra = 1
    autocomplete_fields = ["speaker"]

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name not in NEW_FIELDS]
        if request.user.has_perm("articles.add_speaker"):
            fields[1:1] = NEW_FIELDS  # right after the library's chooser
        return fields
