"""What a writer had typed into a change form and not saved yet (issue 27).

One row per person and form: the add form of a kind (`object_id` 0) or one item's change
form. The browser sends the form's fields every few seconds while someone types
(`articles/admin/autosave.py`); a successful save of that form deletes the row. It is not
a revision: it is nobody else's business, never published, never compared, and it
survives a closed tab, a crash or a lost session until its owner restores or discards it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormSnapshot(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("jenis"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("ID konten"), default=0)
    fields = models.JSONField(_("isian"), default=dict)
    saved_at = models.DateTimeField(_("disimpan"), auto_now=True)

    class Meta:
        verbose_name = _("isian tersimpan otomatis")
        verbose_name_plural = _("isian tersimpan otomatis")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_id"], name="one_snapshot_per_user_and_form"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id or '+'} ({self.user_id})"
