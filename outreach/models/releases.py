"""Press releases sent to journalists, each recipient, and each follow of a personal link.

A `Release` is one distribution of one article to chosen media lists: with its
publication, or now under an embargo lifted at a time in WIB. Each journalist is a
`ReleaseRecipient` with a personal link (a random token, signed in the address, revocable);
every time the link is followed a `LinkView` row says when and from where, so a leak of
an embargoed text can be traced to the link it came through.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleaseMode(models.TextChoices):
    WITH_PUBLICATION = "publication", _("kirim saat terbit")
    EMBARGO = "embargo", _("kirim sekarang dengan embargo")


class Release(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("berita"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    lists = models.ManyToManyField(
        "outreach.MediaList", verbose_name=_("daftar media"), related_name="releases"
    )
    mode = models.CharField(_("cara kirim"), max_length=12, choices=ReleaseMode.choices)
    embargo_until = models.DateTimeField(_("embargo sampai"), null=True, blank=True)
    note = models.TextField(_("catatan pribadi"), blank=True, max_length=2000)
    contact_name = models.CharField(_("narahubung"), max_length=150)
    contact_email = models.EmailField(_("e-mail narahubung"), max_length=254)
    contact_phone = models.CharField(_("telepon narahubung"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikirim oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    # When the mails were queued (None: waiting for the publication).
    sent_at = models.DateTimeField(_("diantrekan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("siaran pers")
        verbose_name_plural = _("siaran pers")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.article.title)


class ReleaseRecipient(models.Model):
    release = models.ForeignKey(
        Release, verbose_name=_("siaran pers"), on_delete=models.CASCADE, related_name="recipients"
    )
    contact = models.ForeignKey(
        "outreach.MediaContact",
        verbose_name=_("kontak"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Copied from the contact when sent: the report keeps saying who got it.
    name = models.CharField(_("nama"), max_length=150)
    outlet = models.CharField(_("media"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    language = models.CharField(_("bahasa"), max_length=2, default="id")
    token = models.CharField(max_length=64, unique=True)
    message = models.ForeignKey(
        "outreach.OutboxMessage",
        verbose_name=_("pesan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    suppressed = models.BooleanField(_("diblokir"), default=False)
    revoked_at = models.DateTimeField(_("tautan dicabut pada"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("berhenti pada"), null=True, blank=True)
    views = models.PositiveIntegerField(_("tautan dibuka"), default=0)
    first_viewed_at = models.DateTimeField(_("pertama dibuka"), null=True, blank=True)

    class Meta:
        verbose_name = _("penerima siaran pers")
        verbose_name_plural = _("penerima siaran pers")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["release", "email"], name="one_copy_per_address")
        ]

    def __str__(self):
        return f"{self.name} ({self.email})"


class LinkView(models.Model):
    """One follow of a personal link; `embargoed` says whether the text was still secret."""

    recipient = models.ForeignKey(
        ReleaseRecipient, on_delete=models.CASCADE, related_name="link_views"
    )
    at = models.DateTimeField(auto_now_add=True)
    embargoed = models.BooleanField(default=False)
    address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("kunjungan tautan pribadi")
        verbose_name_plural = _("kunjungan tautan pribadi")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.recipient_id} @ {self.at}"
