"""People who speak at events or are quoted in articles, written once and reused."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.fields import WebAddressField
from newsroom.links import slug_path

from .images import DESCRIBED_IMAGES
from .shared import owner_unit_field, remember_slug


class Speaker(models.Model):
    honorific_prefix = models.CharField(
        _("gelar depan"), max_length=60, blank=True, help_text=_("Misalnya: Dr., Prof. Dr. Ir.")
    )
    name = models.CharField(_("nama"), max_length=150, help_text=_("Nama tanpa gelar."))
    honorific_suffix = models.CharField(
        _("gelar belakang"), max_length=60, blank=True, help_text=_("Misalnya: S.T., M.Kom.")
    )
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    affiliation_unit = models.ForeignKey(
        "units.WorkUnit",
        verbose_name=_("afiliasi (unit kerja)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speakers",
    )
    affiliation_partner = models.ForeignKey(
        "articles.Partner",
        verbose_name=_("afiliasi (mitra)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speakers",
    )
    photo = models.ForeignKey(
        "articles.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        # Only described pictures: readers who cannot see the photo get its alt text.
        limit_choices_to=DESCRIBED_IMAGES,
    )
    bio = models.TextField(_("biografi singkat"), blank=True)
    owner_unit = owner_unit_field()

    class Meta:
        verbose_name = _("narasumber")
        verbose_name_plural = pgettext_lazy("plural", "narasumber")
        ordering = ["name"]
        indexes = [
            # Reader search lists matching speakers by name: with a word most speakers share,
            # the database walks this index and stops at the first few public ones.
            models.Index(fields=["name", "id"], name="speaker_name_idx"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        name = " ".join(part for part in (self.honorific_prefix, self.name) if part)
        return f"{name}, {self.honorific_suffix}" if self.honorific_suffix else name

    @property
    def affiliation(self):
        return self.affiliation_unit or self.affiliation_partner

    def get_absolute_url(self):
        return slug_path("articles:speaker", self.slug)

    def clean(self):
        super().clean()
        if self.affiliation_unit_id and self.affiliation_partner_id:
            raise ValidationError(
                {
                    "affiliation_partner": _(
                        "Pilih salah satu afiliasi: unit kerja atau mitra, bukan keduanya."
                    )
                }
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.name)[:150] or "narasumber"
            slug, n = base, 2
            while Speaker.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        remember_slug(self)
        super().save(*args, **kwargs)


class SpeakerLink(models.Model):
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(
        _("label"), max_length=80, help_text=_("Misalnya: LinkedIn, Situs pribadi")
    )
    url = WebAddressField(_("tautan"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("tautan publik")
        verbose_name_plural = pgettext_lazy("plural", "tautan publik")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label
