"""Uploaded pictures. One row per original; renditions are made at upload time."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .shared import owner_unit_field

# Pictures a reader who cannot see them still gets told about: featured images and
# speaker photos may only be chosen among these.
DESCRIBED_IMAGES = ~models.Q(alt_text="")


def original_path(instance, filename):
    """The uploader's file name never reaches the disk: no path tricks, no collisions."""
    return f"images/originals/{uuid.uuid4().hex}"


class Image(models.Model):
    file = models.ImageField(
        _("berkas"), upload_to=original_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("lebar"), null=True, editable=False)
    height = models.PositiveIntegerField(_("tinggi"), null=True, editable=False)
    alt_text = models.CharField(
        _("teks alternatif"),
        max_length=250,
        help_text=_("Gambarkan isi foto bagi pembaca yang tidak dapat melihatnya."),
    )
    caption = models.CharField(_("keterangan foto"), max_length=300, blank=True)
    credit = models.CharField(_("kredit foto"), max_length=120, blank=True)
    focal_x = models.FloatField(
        _("titik fokus X"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 = tepi kiri, 1 = tepi kanan. Potongan gambar dipusatkan di sini."),
    )
    focal_y = models.FloatField(
        _("titik fokus Y"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 = tepi atas, 1 = tepi bawah."),
    )
    # Filled by the image pipeline: {"w480.webp": {"name":..., "width":..., "height":...}, ...}
    renditions = models.JSONField(_("rendisi"), default=dict, blank=True, editable=False)
    mime_type = models.CharField(_("jenis MIME"), max_length=40, blank=True, editable=False)
    file_size = models.PositiveIntegerField(_("ukuran berkas"), null=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    owner_unit = owner_unit_field()

    class Meta:
        verbose_name = _("gambar")
        verbose_name_plural = pgettext_lazy("plural", "gambar")
        ordering = ["-created_at"]
        # The library's list, newest first (the admin adds -id to the order), and its date bar.
        indexes = [models.Index(fields=["-created_at", "-id"], name="image_list_idx")]

    def __str__(self):
        return self.alt_text or self.file.name
