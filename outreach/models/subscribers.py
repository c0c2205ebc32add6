"""Readers who chose news by e-mail: who, what they follow, how often, and their consent.

No account and no password: a subscriber is reached by signed links in the mails sent to
them (outreach/subscribers/tokens.py). Consent is recorded as UU 27/2022 asks: when, from
which page, and the exact text shown. Unconfirmed sign-ups are deleted after 7 days.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("segera setelah terbit")
    DAILY = "daily", _("harian, pukul 07.00 WIB")
    WEEKLY = "weekly", _("mingguan, Senin pukul 07.00 WIB")


class ScopeKind(models.TextChoices):
    ALL = "all", _("semua berita")
    SECTION = "section", _("rubrik")
    TAG = "tag", _("topik")
    UNIT = "unit", _("unit kerja")
    SPEAKER = "speaker", _("narasumber")
    AGENDA = "agenda", _("agenda kegiatan")


class Subscriber(models.Model):
    # Stored lower-cased, so one person has one row however they type it.
    email = models.EmailField(_("alamat e-mail"), max_length=254, unique=True)
    language = models.CharField(
        _("bahasa"), max_length=2, choices=[("id", "Bahasa Indonesia"), ("en", "English")]
    )
    frequency = models.CharField(
        _("frekuensi"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(_("mendaftar"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("dikonfirmasi"), null=True, blank=True)
    # The consent record: when it was asked, from which page, the text the reader saw.
    consent_at = models.DateTimeField(_("persetujuan diminta"))
    consent_page = models.CharField(_("dari halaman"), max_length=500, blank=True)
    consent_text = models.TextField(_("teks persetujuan"))
    # Changes when a confirmation link is used or a new one sent: old links stop working.
    confirm_nonce = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = _("pelanggan")
        verbose_name_plural = _("pelanggan")
        indexes = [models.Index(fields=["frequency", "confirmed_at"])]

    def __str__(self):
        return self.email

    @property
    def confirmed(self):
        return self.confirmed_at is not None


class Subscription(models.Model):
    """One thing a subscriber follows: all news, a section, tag, unit, speaker, the agenda."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=ScopeKind.choices)
    key = models.CharField(_("kunci"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("langganan")
        verbose_name_plural = _("langganan")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "kind", "key"], name="one_subscription_per_scope"
            )
        ]
        indexes = [models.Index(fields=["kind", "key"])]

    def __str__(self):
        return f"{self.kind}:{self.key}" if self.key else self.kind


class SentItem(models.Model):
    """An item a subscriber was told about, by alert or digest: never twice.

    The unique constraint is what makes a second alert for the same subscriber and item
    impossible, whatever retries, rescued tasks or second clocks do; it also says who
    hears of a major correction or a withdrawal.
    """

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="sent")
    item_type = models.CharField(max_length=10)  # "article" or "event"
    item_id = models.PositiveBigIntegerField()
    message_key = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "item_type", "item_id"], name="one_alert_per_item"
            )
        ]
        indexes = [models.Index(fields=["item_type", "item_id"])]

    def __str__(self):
        return f"{self.item_type} {self.item_id} → #{self.subscriber_id}"
