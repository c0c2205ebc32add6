"""Admin forms: the body editor is an admin-only concern, never a model field.

Every publishable form carries the version it was opened at. Saving checks it against
the row (locked for the rest of the request's transaction): if someone else saved in
between, or the item moved on in the workflow, the save is refused with a message
naming who and when, and the user's form comes back filled so nothing is lost.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.forms import TagField

from newsroom.dates import format_when
from newsroom.datetime_inputs import WIBDateTimeField
from newsroom.fields import validate_plausible_year
from newsroom.limits import MAX_TAG_LENGTH, MAX_TAGS, MAX_TEXT_CHARS, too_many
from units import roles

from ..models import Article, Event, Status
from ..models.sanitize import foreign_images
from ..workflow import permissions
from ..workflow.pending import pending_copy
from .editor import BodyEditorWidget, with_https_links


def _who(user):
    if user is None:
        return _("pengguna lain")
    return user.get_full_name() or user.get_username()


class VersionedForm(forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Set per request by the admin (see PublishableAdmin.get_form): who saves, and why a
    # workflow button pressed over unsaved edits refuses to save them.
    acting_user = None
    refusal = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    def clean_unit(self):
        unit = self.cleaned_data.get("unit")
        user = self.acting_user
        if unit is None or user is None or roles.acts_everywhere(user):
            return unit
        if unit.pk not in roles.unit_ids(user):
            raise ValidationError(
                _("Pilih salah satu unit kerja Anda sebagai pemilik konten ini."),
                code="foreign_unit",
            )
        return unit

    def clean(self):
        cleaned = super().clean()
        if self.refusal:
            raise ValidationError(self.refusal, code="unsaved")
        if self.instance.pk is None:
            return cleaned
        model = type(self.instance)
        current = (
            model.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .get(pk=self.instance.pk)
        )
        when = format_when(current.updated_at)
        if cleaned.get("expected_version") != current.version:
            raise ValidationError(
                _(
                    "Konten ini sudah diubah oleh %(who)s pada %(when)s setelah Anda membukanya. "
                    "Perubahan Anda belum disimpan dan masih ada di formulir ini: buka versi "
                    "terbaru di tab baru, lalu terapkan kembali perubahan Anda di sana."
                )
                % {"who": _who(current.updated_by), "when": when},
                code="stale",
            )
        user = self.acting_user
        if not (
            permissions.can_edit_content(user, current)
            or permissions.can_revise_live(user, current)
        ):
            raise ValidationError(
                _(
                    "Konten ini berstatus %(status)s sejak %(when)s (oleh %(who)s) dan tidak "
                    "dapat Anda ubah lagi. Perubahan Anda belum disimpan."
                )
                % {
                    "status": Status(current.status).label,
                    "when": when,
                    "who": _who(current.updated_by),
                },
                code="locked",
            )
        if permissions.can_revise_live(user, current) and self.has_changed():
            pending = pending_copy(current)
            if pending is not None:
                raise ValidationError(
                    _(
                        "%(who)s sudah membuka salinan tertunda untuk konten ini; sunting "
                        "revisi tersebut. Perubahan Anda belum disimpan."
                    )
                    % {"who": _who(pending.created_by)},
                    code="pending",
                )
        return cleaned


class BoundedTagField(TagField):
    """Topics typed as one comma-separated line: at most MAX_TAGS of at most
    MAX_TAG_LENGTH characters each, refused before a single topic is looked up or made."""

    def clean(self, value):
        if value and len(value) > MAX_TAGS * (MAX_TAG_LENGTH + 2):
            raise ValidationError(
                _("Daftar topik terlalu panjang: paling banyak %(n)d topik.") % {"n": MAX_TAGS},
                code="too_long",
            )
        names = super().clean(value)
        if len(names) > MAX_TAGS:
            raise ValidationError(too_many(len(names), MAX_TAGS), code="too_many")
        long_names = [name for name in names if len(name) > MAX_TAG_LENGTH]
        if long_names:
            raise ValidationError(
                _("Satu topik paling panjang %(n)d karakter: “%(name)s…”.")
                % {"n": MAX_TAG_LENGTH, "name": long_names[0][:40]},
                code="tag_too_long",
            )
        return names


class ArticleAdminForm(VersionedForm):
    class Meta:
        model = Article
        fields = "__all__"
        field_classes = {"tags": BoundedTagField}
        widgets = {
            "body": BodyEditorWidget(),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }
        # django-taggit's own help text is English.
        help_texts = {
            "tags": gettext_lazy(
                "Pisahkan topik dengan koma, misalnya: pendidikan vokasi, SMK, media sosial."
            )
        }

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        foreign = foreign_images(body)  # before sanitising, which would drop some silently
        if foreign:
            shown = ", ".join(source[:80] for source in foreign[:3])
            raise ValidationError(
                _(
                    "Gambar di isi berita harus diunggah ke situs ini; gambar dari situs lain "
                    "tidak diterima: %(sources)s. Unduh gambarnya, lalu unggah lewat tombol "
                    "Gambar di editor (atau minta administrator mendaftarkan alamatnya)."
                )
                % {"sources": shown},
                code="foreign_image",
            )
        return with_https_links(body)


class EventAdminForm(VersionedForm):
    class Meta:
        model = Event
        fields = "__all__"
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        # The admin reads and shows times on the institution's clock, whatever the browser's.
        help_texts = {
            "starts_at": gettext_lazy("Waktu Indonesia Barat (WIB)."),
            "ends_at": gettext_lazy("Waktu Indonesia Barat (WIB)."),
        }


class WorkflowActionForm(forms.Form):
    """The comment box and time field under the workflow buttons."""

    action = forms.CharField()
    version = forms.IntegerField(required=False)  # what the page showed; see workflow.apply
    comment = forms.CharField(
        required=False, max_length=MAX_TEXT_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )
    at = WIBDateTimeField(required=False, validators=[validate_plausible_year])

    def __init__(self, *args, form_id=None, **kwargs):
        """`form_id`: the change form the panel's controls belong to (they sit outside it)."""
        kwargs.setdefault("auto_id", "id_workflow_%s")
        super().__init__(*args, **kwargs)
        if form_id:
            self.fields["at"].widget.attrs["form"] = form_id
