"""The institution's organisation: work units and staff membership.

Knows nothing of articles: the content model points at units, never the other way.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.fields import WebAddressField
from newsroom.links import slug_path


class UnitKind(models.TextChoices):
    KEMENTERIAN = "kementerian", _("Kementerian")
    DITJEN = "direktorat_jenderal", _("Direktorat Jenderal")
    SEKRETARIAT_JENDERAL = "sekretariat_jenderal", _("Sekretariat Jenderal")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    DIREKTORAT = "direktorat", _("Direktorat")
    BIRO = "biro", _("Biro")
    PUSAT = "pusat", _("Pusat")
    BADAN = "badan", _("Badan")
    KOMISI = "komisi", _("Komisi")
    BALAI = "balai", _("Balai")
    LAINNYA = "lainnya", _("Lainnya")


class WorkUnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class WorkUnit(models.Model):
    """A unit of the ministry. Units form a tree through `parent`."""

    name = models.CharField(_("nama"), max_length=200)
    abbreviation = models.CharField(_("singkatan"), max_length=50)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("jenis"), max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    website = WebAddressField(_("situs web"), blank=True)
    description = models.TextField(_("deskripsi"), blank=True)

    objects = WorkUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = pgettext_lazy("plural", "unit kerja")
        ordering = ["name"]

    def __str__(self):
        return self.abbreviation or self.name

    def get_absolute_url(self):
        return slug_path("articles:unit", self.slug)

    def ancestors(self):
        """Root first. Walks parents one query each: trees here are 3-4 levels deep."""
        chain, seen, node = [], {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return list(reversed(chain))

    @property
    def tree_path(self):
        return " › ".join(str(unit) for unit in [*self.ancestors(), self])

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.pk is not None and self.parent_id == self.pk:
            raise ValidationError(
                {"parent": _("Unit kerja tidak boleh menjadi induk dirinya sendiri.")}
            )
        node = self.parent
        seen = set()
        while node is not None and node.pk not in seen:
            if self.pk is not None and node.pk == self.pk:
                raise ValidationError(
                    {
                        "parent": _(
                            "Unit induk ini berada di bawah unit ini sendiri; "
                            "pohon unit tidak boleh melingkar."
                        )
                    }
                )
            seen.add(node.pk)
            node = node.parent

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.abbreviation or self.name)[:80]
        super().save(*args, **kwargs)


class StaffProfile(models.Model):
    """What the newsroom knows of a staff member beyond the auth user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    initials = models.CharField(
        _("inisial"),
        max_length=8,
        help_text=_("Dipakai dalam kode penulis berita, misalnya RA pada (Diksi/RA/AP/DE)."),
    )
    units = models.ManyToManyField(
        WorkUnit,
        verbose_name=pgettext_lazy("plural", "unit kerja"),
        blank=True,
        related_name="staff",
    )

    class Meta:
        verbose_name = _("profil staf")
        verbose_name_plural = pgettext_lazy("plural", "profil staf")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.initials})"

    def clean(self):
        super().clean()
        self.initials = (self.initials or "").strip().upper()
        if not self.initials.isalpha():
            raise ValidationError({"initials": _("Inisial hanya boleh berisi huruf.")})
