"""Domain events: what happened to an item that the world outside the newsroom may act on.

The workflow writes one row per event in the transaction that makes it true, so an event
exists exactly when its change committed. The unique constraint on (item, kind, key) is what
makes "published" happen once per publication even when two clocks on two servers find the
same scheduled item due at the same second: the second insert fails, not by luck of timing.
Rows are dispatched (handed to the listeners in `outreach`) once they are due: at once for
an immediate change, at `due_at` for a scheduled publication or an embargo lift.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DomainEvent(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    # The kinds are named in articles.workflow.events (submitted, published, withdrawn...).
    kind = models.CharField(_("peristiwa"), max_length=20)
    # What makes this occurrence one of its kind: the publish time for a publication, the
    # correction's id for a correction, the log entry for a withdrawal.
    key = models.CharField(max_length=64)
    due_at = models.DateTimeField(_("jatuh tempo"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(_("diteruskan"), null=True, blank=True)
    # Set when the item no longer matches the event at its time (withdrawn before a
    # scheduled publication came due, rescheduled): the listeners never hear of it.
    cancelled = models.BooleanField(default=False)
    actor_id = models.BigIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("peristiwa domain")
        verbose_name_plural = _("peristiwa domain")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "key"], name="one_event_per_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                name="domain_event_waiting",
                condition=models.Q(dispatched_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.content_type_id}:{self.object_id} ({self.key})"
