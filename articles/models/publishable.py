"""What every publishable type shares: the workflow state and the one public query."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.fields import BoundedDateTimeField


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    IN_REVIEW = "in_review", _("Ditinjau")
    CHANGES_REQUESTED = "changes_requested", _("Perlu perbaikan")
    APPROVED = "approved", _("Disetujui")
    PUBLISHED = "published", _("Terbit")
    WITHDRAWN = "withdrawn", _("Ditarik")


# Fields the workflow writes, never an author: shown read-only in the admin, and never part
# of a revision's content, so restoring a version or merging a copy cannot change a state.
WORKFLOW_FIELDS = (
    "status",
    "publish_at",
    "first_published_at",
    "created_at",
    "updated_at",
    "version",
    "approved_version",
    "submitted_by",
    "updated_by",
)
# The coverage assignment (articles only) is bookkeeping too: who is asked to write, not what.
BOOKKEEPING_FIELDS = frozenset(
    {"id", "created_by", "copy_of", "assigned_to", "due_at", *WORKFLOW_FIELDS}
)


def single_line(text):
    """Runs of whitespace (line breaks, tabs, non-breaking spaces) as one space."""
    return " ".join((text or "").split())


# The time-independent part of published(): the condition of the partial indexes that
# serve public lists (the time test runs on the indexed publish_at itself).
PUBLIC_ROWS = models.Q(status="published", publish_at__isnull=False, copy_of__isnull=True)
# The condition of the partial indexes that find what left the public view (`departed()`)
# without reading the public rows: seen once, and no longer in the published state.
LEFT_ROWS = models.Q(first_published_at__isnull=False, copy_of__isnull=True) & ~models.Q(
    status="published"
)
# Pending copies still in the workflow (a merged copy stays as history, published): the
# condition of the small partial indexes that tell the admin lists which rows have one.
# It names `copy_of IS NOT NULL` itself: a correlated test on `copy_of` alone lets
# PostgreSQL hash every copy ever made, reading the whole table for a page of 50 rows.
OPEN_COPIES = models.Q(copy_of__isnull=False) & ~models.Q(status="published")


class PublishableQuerySet(models.QuerySet):
    def published(self, at=None):
        """The only definition of "the public may see this".

        Visibility is decided here at request time, so a scheduled item goes live
        when its time comes with no cron job or worker. Pending draft copies of a
        live item are never public themselves.
        """
        return self.filter(
            status=Status.PUBLISHED,
            publish_at__isnull=False,
            publish_at__lte=at or timezone.now(),
            copy_of__isnull=True,
        )

    def was_public(self, at=None):
        """The only definition of "the public has seen this": it was in `published()` once.

        `first_published_at` is the moment an item first entered `published()`; the
        transitions clear it when a scheduled item leaves the workflow's published state
        before that moment, so a time still in the future means "not yet", never "once".
        """
        return self.filter(
            first_published_at__isnull=False,
            first_published_at__lte=at or timezone.now(),
            copy_of__isnull=True,
        )

    def departed(self, at=None):
        """Items the public saw once and sees no more (withdrawn, or back in the workflow).

        Feeds, calendars and sitemaps take their change time as a change of the list
        they left, so a client asking only If-Modified-Since learns of the removal; a
        scheduled item that is not due yet never counts.
        """
        at = at or timezone.now()
        # The row's own negation of published(), not "pk NOT IN (every public pk)": the
        # latter reads the whole public table, this one only the few rows that left.
        return self.was_public(at=at).filter(
            ~models.Q(status=Status.PUBLISHED)
            | models.Q(publish_at__isnull=True)
            | models.Q(publish_at__gt=at)
        )

    def originals(self):
        """Items as staff list them: pending draft copies live on their original's page."""
        return self.filter(copy_of__isnull=True)


class Publishable(models.Model):
    """Abstract base of Article and Event: state, times, owner and optimistic lock."""

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = BoundedDateTimeField(
        _("waktu terbit"),
        null=True,
        blank=True,
        db_index=True,
    )
    first_published_at = models.DateTimeField(
        _("pertama terbit"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("terakhir diubah"), auto_now=True)
    # Bumped on every content save; a save carrying an older number is refused so that
    # two people editing at once never silently overwrite each other.
    version = models.PositiveIntegerField(_("versi"), default=1, editable=False)
    # The version an approval was given to (set by the approve transition). Publishing
    # requires it to be the current one: what goes live is exactly what was approved.
    approved_version = models.PositiveIntegerField(
        _("versi disetujui"), null=True, blank=True, editable=False
    )
    unit = models.ForeignKey(
        "units.WorkUnit",
        verbose_name=_("unit pemilik"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Unit kerja yang bertanggung jawab atas isi ini."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Set on a pending copy of a live item: edits to published content wait here,
    # go through the workflow, and replace the live item's content when published.
    copy_of = models.ForeignKey(
        "self",
        verbose_name=_("salinan tertunda dari"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pending_copies",
        editable=False,
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        self.title = single_line(self.title)
        super().clean_fields(exclude)

    @classmethod
    def from_db(cls, db, field_names, values):
        item = super().from_db(db, field_names, values)
        # The state as read: a save that takes the item out of the public view moves the
        # cached pages without asking the database what it was (`public_reads`).
        item._newsroom_loaded_status = item.__dict__.get("status")
        return item

    def save(self, *args, **kwargs):
        # Every save path: a line break in a title (a raw POST, an import) would end up in
        # e-mail subjects, which refuse it, and in feeds and calendar summaries.
        self.title = single_line(self.title)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # Forms never hold `copy_of`, so Django would skip the slug constraints whose
        # condition names it, and a duplicate slug would reach the database as a 500
        # instead of an error on the field.
        super().validate_constraints(exclude=set(exclude or ()) - {"copy_of"})

    @property
    def is_public(self):
        return (
            self.status == Status.PUBLISHED
            and self.copy_of_id is None
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def was_public(self):
        """The instance's reading of `PublishableQuerySet.was_public`."""
        return (
            self.copy_of_id is None
            and self.first_published_at is not None
            and self.first_published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def status_display(self):
        """The state as staff should read it: a published item not yet due is scheduled."""
        return _("Terjadwal") if self.is_scheduled else self.get_status_display()

    @property
    def modified_at(self):
        """When the public content last changed; feeds and sitemaps report this."""
        return max(t for t in (self.updated_at, self.publish_at) if t is not None)
