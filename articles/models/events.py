"""Activities the institution holds: online classes, meetings, trainings."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.fields import BoundedDateTimeField, ChoiceDisplay, WebAddressField
from newsroom.links import slug_path

from .publishable import LEFT_ROWS, OPEN_COPIES, PUBLIC_ROWS, Publishable, PublishableQuerySet


class EventKind(models.TextChoices):
    KELAS_DARING = "kelas_daring", _("Kelas daring")
    WEBINAR = "webinar", _("Webinar")
    SEMINAR = "seminar", _("Seminar")
    LOKAKARYA = "lokakarya", _("Lokakarya")
    RAPAT_KOORDINASI = "rapat_koordinasi", _("Rapat koordinasi")
    PELATIHAN = "pelatihan", _("Pelatihan")
    SOSIALISASI = "sosialisasi", _("Sosialisasi")
    PENANDATANGANAN = "penandatanganan", _("Penandatanganan kerja sama")
    LAINNYA = "lainnya", _("Lainnya")


class AttendanceMode(models.TextChoices):
    ONLINE = "online", _("Daring")
    OFFLINE = "offline", _("Luring")
    MIXED = "mixed", _("Hibrida")


class SpeakerRole(models.TextChoices):
    NARASUMBER = "narasumber", _("Narasumber")
    MODERATOR = "moderator", _("Moderator")
    PEMANDU_ACARA = "pemandu_acara", _("Pemandu acara")
    PEMBICARA_KUNCI = "pembicara_kunci", _("Pembicara kunci")
    PEMBUKA = "pembuka", _("Pembuka acara")
    PENANGGAP = "penanggap", _("Penanggap")


class EventQuerySet(PublishableQuerySet):
    def not_over(self, now):
        """Events that have not ended by `now`, soonest start first.

        Ordered by an expression rather than the bare start column: given the column,
        PostgreSQL walks the start-time index from the oldest event and discards every
        past one (9,800 rows of a 10,000-event agenda) before it finds the few that are
        not over; given the expression, it reads those few from the end-time index and
        sorts them.
        """
        return self.filter(ends_at__gte=now).order_by(Coalesce("starts_at", "ends_at"), "pk")


class Event(Publishable):
    title = models.CharField(_("nama kegiatan"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=120)
    kind = models.CharField(_("jenis kegiatan"), max_length=30, choices=EventKind.choices)
    mode = models.CharField(_("moda"), max_length=10, choices=AttendanceMode.choices)
    get_kind_display = ChoiceDisplay(EventKind)
    get_mode_display = ChoiceDisplay(AttendanceMode)
    starts_at = BoundedDateTimeField(_("mulai"))
    ends_at = BoundedDateTimeField(_("selesai"))
    venue = models.CharField(_("tempat"), max_length=200, blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    platform = models.CharField(
        _("platform daring"), max_length=100, blank=True, help_text=_("Misalnya: Zoom, YouTube")
    )
    join_url = WebAddressField(_("tautan bergabung"), blank=True)
    organisers = models.ManyToManyField(
        "units.WorkUnit",
        verbose_name=_("unit penyelenggara"),
        blank=True,
        related_name="organised_events",
    )
    partners = models.ManyToManyField(
        "articles.Partner",
        verbose_name=pgettext_lazy("plural", "mitra"),
        blank=True,
        related_name="events",
    )
    participating_units = models.ManyToManyField(
        "units.WorkUnit",
        verbose_name=_("unit peserta"),
        blank=True,
        related_name="attended_events",
    )
    participant_count = models.PositiveIntegerField(_("jumlah peserta"), null=True, blank=True)
    description = models.TextField(_("deskripsi"), blank=True)
    speakers = models.ManyToManyField(
        "articles.Speaker",
        through="EventSpeaker",
        verbose_name=_("narasumber"),
        related_name="events",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = pgettext_lazy("plural", "kegiatan")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(copy_of__isnull=True),
                name="event_slug_unique",
                violation_error_code="unique",
                violation_error_message=_("Slug ini sudah dipakai kegiatan lain. Pilih slug lain."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="event_public_idx"),
            # The agenda's two public orders: upcoming by start, past newest first.
            models.Index(
                fields=["ends_at", "starts_at"], condition=PUBLIC_ROWS, name="event_pub_ends_idx"
            ),
            models.Index(
                fields=["-starts_at", "-id"], condition=PUBLIC_ROWS, name="event_pub_starts_idx"
            ),
            # Calendar validators and sitemap lastmods (see the same on Article).
            models.Index(
                fields=["-updated_at"], condition=PUBLIC_ROWS, name="event_pub_updated_idx"
            ),
            models.Index(fields=["-updated_at"], condition=LEFT_ROWS, name="event_left_idx"),
            # The admin's changelist: originals, latest start first; an editor's, of their units.
            models.Index(
                fields=["-starts_at", "-id"],
                condition=Q(copy_of__isnull=True),
                name="event_originals_idx",
            ),
            models.Index(
                fields=["unit", "-starts_at", "-id"],
                condition=Q(copy_of__isnull=True),
                name="event_unit_originals_idx",
            ),
            models.Index(fields=["copy_of"], condition=OPEN_COPIES, name="event_open_copies_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_path("articles:event", self.slug)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("Waktu selesai tidak boleh sebelum waktu mulai.")
        if self.mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED) and not (
            self.platform or self.join_url
        ):
            errors["platform"] = _("Kegiatan daring perlu platform atau tautan bergabung.")
        if self.mode in (AttendanceMode.OFFLINE, AttendanceMode.MIXED) and not self.venue:
            errors["venue"] = _("Kegiatan luring perlu tempat.")
        if errors:
            raise ValidationError(errors)


class EventSpeaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_speakers")
    speaker = models.ForeignKey(
        "articles.Speaker",
        verbose_name=_("narasumber"),
        on_delete=models.PROTECT,
        related_name="event_roles",
    )
    role = models.CharField(_("peran"), max_length=30, choices=SpeakerRole.choices)
    get_role_display = ChoiceDisplay(SpeakerRole)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("peran narasumber")
        verbose_name_plural = _("narasumber kegiatan")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "speaker", "role"], name="event_speaker_role_unique"
            )
        ]

    def __str__(self):
        return f"{self.speaker} ({self.get_role_display()})"


def by_speaker(rows):
    """Event speaker rows per person, in speaking order: [(speaker, ["Moderator", ...])].

    Someone who both hosts and moderates is one person with two roles, not two entries.
    """
    people = {}
    for row in rows:
        people.setdefault(row.speaker_id, (row.speaker, []))[1].append(row.get_role_display())
    return list(people.values())
