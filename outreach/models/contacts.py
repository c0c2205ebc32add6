"""Media contacts (*Kontak media*) and the media lists of a unit.

A contact belongs to the unit that keeps it (`owner_unit`): that unit's staff see and
edit it, publishers see all (`outreach.press.scope`). The same journalist kept by two
units is two rows, each unit answering for its own consent record; within a unit an
address is one contact (imports merge by it).
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class ConsentMethod(models.TextChoices):
    IN_PERSON = "in_person", _("langsung (tatap muka)")
    FORM = "form", _("formulir")
    IMPORTED = "imported", _("daftar impor")


class ContactLanguage(models.TextChoices):
    ID = "id", _("Indonesia")
    EN = "en", _("Inggris")


class MediaContact(models.Model):
    owner_unit = models.ForeignKey(
        "units.WorkUnit",
        verbose_name=_("unit pemilik"),
        on_delete=models.PROTECT,
        related_name="media_contacts",
    )
    name = models.CharField(_("nama"), max_length=150)
    outlet = models.CharField(_("media"), max_length=150)
    beat = models.CharField(_("peran atau bidang liputan"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    follows = models.ManyToManyField(
        "units.WorkUnit",
        verbose_name=_("unit yang diikuti"),
        blank=True,
        related_name="followed_by_contacts",
    )
    language = models.CharField(
        _("bahasa"), max_length=2, choices=ContactLanguage.choices, default=ContactLanguage.ID
    )
    consent_at = models.DateField(_("persetujuan diberikan pada"))
    consent_method = models.CharField(
        _("cara persetujuan"), max_length=12, choices=ConsentMethod.choices
    )
    consent_source = models.CharField(
        _("sumber persetujuan"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya nama daftar yang diimpor dan tanggalnya."),
    )
    notes = models.TextField(_("catatan"), blank=True, max_length=4000)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("kontak media")
        verbose_name_plural = _("kontak media")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "owner_unit", Lower("email"), name="one_contact_per_address_per_unit"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.outlet})"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class ListKind(models.TextChoices):
    PICKED = "picked", _("dipilih satu per satu")
    RULE = "rule", _("menurut bidang liputan dan unit")


class MediaList(models.Model):
    """A unit's list of contacts: hand-picked, or every contact of the unit whose beat
    matches and who follows a given unit (a rule list grows with the contacts)."""

    owner_unit = models.ForeignKey(
        "units.WorkUnit",
        verbose_name=_("unit pemilik"),
        on_delete=models.PROTECT,
        related_name="media_lists",
    )
    name = models.CharField(_("nama daftar"), max_length=150)
    kind = models.CharField(
        _("jenis"), max_length=8, choices=ListKind.choices, default=ListKind.PICKED
    )
    contacts = models.ManyToManyField(
        MediaContact, verbose_name=_("kontak"), blank=True, related_name="lists"
    )
    beat = models.CharField(
        _("bidang liputan"),
        max_length=150,
        blank=True,
        help_text=_("Untuk daftar menurut aturan: kontak yang bidang liputannya memuat kata ini."),
    )
    follows_unit = models.ForeignKey(
        "units.WorkUnit",
        verbose_name=_("mengikuti unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Untuk daftar menurut aturan: hanya kontak yang mengikuti unit ini."),
    )

    class Meta:
        verbose_name = _("daftar media")
        verbose_name_plural = _("daftar media")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def members(self):
        """The contacts the list holds now."""
        if self.kind == ListKind.PICKED:
            return self.contacts.all()
        found = MediaContact.objects.filter(owner_unit_id=self.owner_unit_id)
        if self.beat.strip():
            found = found.filter(beat__icontains=self.beat.strip())
        if self.follows_unit_id:
            found = found.filter(follows=self.follows_unit_id)
        return found.distinct()
