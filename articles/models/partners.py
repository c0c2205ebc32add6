"""Organisations outside the ministry that co-organise events (`Event.partners`).

They live with the content, not with the work units, because a partner shows a logo from
the picture library and is named on public event pages.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.fields import WebAddressField

from .shared import owner_unit_field


class Partner(models.Model):
    """An organisation outside the ministry that co-organises events."""

    name = models.CharField(_("nama"), max_length=200)
    abbreviation = models.CharField(_("singkatan"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    website = WebAddressField(_("situs web"), blank=True)
    logo = models.ForeignKey(
        "articles.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_unit = owner_unit_field()

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = pgettext_lazy("plural", "mitra")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="partner_name_unique_ci",
                violation_error_message=_("Mitra dengan nama ini sudah ada."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # Django cannot tie the lower-cased name constraint to a field and would show its
        # refusal above the form; staff see it next to the name they typed. The field's
        # error then keeps the constraint from reporting the same thing twice.
        duplicate = Partner.objects.filter(name__iexact=self.name).exclude(pk=self.pk)
        if self.name and duplicate.exists():
            raise ValidationError({"name": _("Mitra dengan nama ini sudah ada.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.abbreviation or self.name)[:80]
        super().save(*args, **kwargs)
