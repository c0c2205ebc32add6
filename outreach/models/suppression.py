"""Addresses no bulk mail goes to: hard bounces, complaints, and people who asked.

Shared by everything that sends bulk mail (subscriber alerts and digests, press
releases), so an address that bounced for one never gets the other. An address leaves
the list only by confirming again (a fresh double opt-in), never by an import.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SuppressionReason(models.TextChoices):
    HARD_BOUNCE = "hard_bounce", _("pentalan permanen")
    SOFT_BOUNCE = "soft_bounce", _("pentalan sementara berulang")
    COMPLAINT = "complaint", _("aduan spam")
    UNSUBSCRIBED = "unsubscribed", _("berhenti berlangganan")
    MANUAL = "manual", _("ditambahkan petugas")


class Suppression(models.Model):
    # Stored lower-cased: the local part's case never decides delivery in practice.
    address = models.EmailField(_("alamat"), max_length=254, unique=True)
    reason = models.CharField(_("alasan"), max_length=20, choices=SuppressionReason.choices)
    detail = models.CharField(_("keterangan"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("sejak"), auto_now_add=True)

    class Meta:
        verbose_name = _("alamat diblokir")
        verbose_name_plural = _("daftar blokir e-mail")
        ordering = ["-created_at"]

    def __str__(self):
        return self.address

    @classmethod
    def covers(cls, address):
        return cls.objects.filter(address=address.strip().lower()).exists()

    @classmethod
    def add(cls, address, reason, detail=""):
        row, _created = cls.objects.get_or_create(
            address=address.strip().lower(), defaults={"reason": reason, "detail": detail[:255]}
        )
        return row
