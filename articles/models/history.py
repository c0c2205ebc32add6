"""Append-only records of what happened to publishable items."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import audit
from .publishable import Status


class AppendOnlyError(Exception):
    pass


class AppendOnlyModel(models.Model):
    """Rows are written once; an update or delete through the ORM is refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted")


class AuditEntry(AppendOnlyModel):
    """A log row: its action must be a word of the audit vocabulary (`audit`)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        audit.require(self.action)
        super().save(*args, **kwargs)


class TransitionLog(AuditEntry):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("tindakan"), max_length=30)
    from_status = models.CharField(_("dari"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("ke"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    comment = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("riwayat alur kerja")
        verbose_name_plural = pgettext_lazy("plural", "riwayat alur kerja")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"], name="transitionlog_item_idx")
        ]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Revision(AppendOnlyModel):
    """A snapshot of an item's content at one save, for reading, comparing and restoring."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    version = models.PositiveIntegerField(_("versi"))
    data = models.JSONField(_("isi"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("revisi")
        verbose_name_plural = pgettext_lazy("plural", "revisi")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "version"], name="revision_item_idx")
        ]

    def __str__(self):
        return f"v{self.version}"


class ShareLink(models.Model):
    """A signed, expiring, revocable preview for someone without an account."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="share_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tautan pratinjau")
        verbose_name_plural = pgettext_lazy("plural", "tautan pratinjau")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.token)
