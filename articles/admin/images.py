"""The picture library in the admin: upload, describe, place the focal point, preview."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from newsroom.limits import BoundedInputAdminMixin

from ..images.markup import rendition_url
from ..images.storage import rebuild_renditions, save_image
from ..images.uploads import ImageUploadField
from ..images.usage import articles_showing, in_reach
from ..models import Article, Image
from .changelist import LongListAdminMixin
from .held_uploads import KeepsUploadsMixin
from .shared_things import SharedThingAdminMixin


class ImageAdminForm(KeepsUploadsMixin, forms.ModelForm):
    file = ImageUploadField(label=capfirst(_("berkas")))
    held_file = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Checked in the browser before sending (uploads.js); the server checks again.
        self.fields["file"].widget.attrs.update(
            {
                "data-max-bytes": settings.NEWSROOM_IMAGE_MAX_BYTES,
                "data-too-big": _(
                    "Berkas ini {size} MB, lebih besar dari batas {limit} MB. "
                    "Perkecil fotonya, lalu pilih lagi."
                ),
            }
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if getattr(upload, "prepared", None) is not None:
            titles = [a.title for a in articles_showing(self.instance)[:3]]
            if titles:
                raise ValidationError(
                    _(
                        "Gambar ini tampil di isi berita %(titles)s, yang akan rusak bila "
                        "berkasnya diganti. Unggah foto pengganti sebagai gambar baru, lalu "
                        "pasang di berita itu."
                    ),
                    code="in_body",
                    params={"titles": ", ".join(f"“{title}”" for title in titles)},
                )
        return upload


@admin.register(Image)
class ImageAdmin(
    SharedThingAdminMixin, LongListAdminMixin, BoundedInputAdminMixin, admin.ModelAdmin
):
    form = ImageAdminForm
    list_display = ["thumbnail", "__str__", "width", "height", "credit", "created_at"]
    list_display_links = ["__str__"]  # one link per row: the thumbnail has no words of its own

    def get_queryset(self, request):
        """The library, its chooser and every picture page: only what the user may find
        (`usage.in_reach`); any other picture's page answers as if it did not exist."""
        return in_reach(request.user, super().get_queryset(request))

    def autocomplete_extra(self, obj):
        """What the picture chooser shows beside the description (see pictures.js)."""
        return {"thumbnail": rendition_url(obj, "w480") or ""}

    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "width", "height", "mime_type", "size", "rendition_list"]
    fieldsets = [
        (None, {"fields": ["file", "held_file", "alt_text", "caption", "credit"]}),
        (
            _("Titik fokus"),
            {
                "fields": ["preview", "focal_x", "focal_y"],
                "description": _(
                    "Potongan untuk media sosial dan foto persegi dipusatkan pada titik ini. "
                    "Klik pratinjau untuk memilihnya, atau isi angkanya (0 sampai 1)."
                ),
            },
        ),
        (
            _("Berkas tersimpan"),
            {"fields": ["width", "height", "mime_type", "size", "rendition_list"]},
        ),
        (_("Pemilik dan riwayat"), {"fields": ["owner_unit", "change_log"]}),
    ]

    class Media:
        js = ["articles/admin/focal-point.js", "articles/admin/uploads.js"]

    @admin.display(description=_("pratinjau"))
    def thumbnail(self, obj):
        url = rendition_url(obj, "w480")
        if not url:
            return "\u2014"
        return format_html('<img src="{}" alt="" width="80" loading="lazy">', url)

    @admin.display(description=_("pratinjau"))
    def preview(self, obj):
        url = rendition_url(obj, "w960") or rendition_url(obj, "w480")
        if not url and obj.pk is None:
            # A new picture: focal-point.js shows the chosen file here before it is sent,
            # so the focal point is set in the same step as the upload.
            return format_html(
                '<p class="focal-waiting">{}</p>{}',
                _("Pilih berkas: gambarnya tampil di sini, klik untuk memilih titik fokus."),
                self._focal_box("", "", obj),
            )
        if not url:
            return _("Pratinjau muncul setelah gambar disimpan.")
        return self._focal_box(url, obj.alt_text, obj)

    def _focal_box(self, url, alt, obj):
        """The picture with its focal point marked; empty and not shown until a file is
        chosen, for a picture not saved yet."""
        return format_html(
            '<div class="focal-preview" style="position:relative;display:{};'
            'max-width:100%;line-height:0">'
            '<img {} alt="{}" style="max-width:min(100%,480px);height:auto;cursor:crosshair">'
            '<span class="focal-marker" aria-hidden="true" style="position:absolute;left:{}%;'
            "top:{}%;width:18px;height:18px;margin:-11px 0 0 -11px;border:2px solid #fff;"
            'border-radius:50%;box-shadow:0 0 0 2px #c00"></span></div>',
            "inline-block" if url else "none",
            format_html('src="{}"', url) if url else "",
            alt,
            round(obj.focal_x * 100, 1),
            round(obj.focal_y * 100, 1),
        )

    @admin.display(description=_("ukuran berkas"))
    def size(self, obj):
        return filesizeformat(obj.file_size) if obj.file_size else "\u2014"

    @admin.display(description=_("rendisi"))
    def rendition_list(self, obj):
        if not obj.renditions:
            return "\u2014"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} \u2013 {}\u00d7{} {}</li>",
                (
                    (key, r["width"], r["height"], r["format"].upper())
                    for key, r in sorted(obj.renditions.items())
                ),
            ),
        )

    def get_deleted_objects(self, objs, request):
        """A picture still shown in an article body is protected, as a foreign key would be."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for image in objs:
            for article in articles_showing(image):
                protected.append(
                    format_html(
                        '{}: <a href="{}">{}</a>',
                        capfirst(Article._meta.verbose_name),
                        reverse("admin:articles_article_change", args=[article.pk]),
                        article.title,
                    )
                )
        return deleted, counts, perms_needed, protected

    def get_fieldsets(self, request, obj=None):
        """A picture not saved yet has no stored file to describe (a form sent back with an
        error would otherwise show the chosen file's size as if it were stored)."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return [row for row in fieldsets if "width" not in row[1]["fields"]]
        return fieldsets

    def save_model(self, request, obj, form, change):
        self.prepare_shared_save(request, obj, change)
        prepared = getattr(form.cleaned_data.get("file"), "prepared", None)
        if prepared is not None:
            save_image(obj, prepared, user=request.user)
            form.release_held()
            return
        obj.save()
        if {"focal_x", "focal_y"} & set(form.changed_data):
            rebuild_renditions(obj)
