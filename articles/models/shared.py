"""What the shared things readers see (speakers, partners, pictures) keep about themselves:
the unit that owns them, the log of every change, and the slugs they answered to before.

Shared things are cited by articles and events of many units at once; a change to one
reaches every page citing it. Who may change them is the workflow's question
(`workflow.shared`); here are only the records that answer it and keep its trace.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .history import AuditEntry


def free_slug(queryset, text, length, fallback):
    """A slug from `text` (or `fallback`) of at most `length` characters that no row of
    `queryset` has yet: "nama", else "nama-2", "nama-3"... One query for the taken ones."""
    base = (slugify(text) or fallback)[: length - 8].strip("-")
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def owner_unit_field():
    """The unit that created the thing; its editors answer for it (filled by the admin)."""
    return models.ForeignKey(
        "units.WorkUnit",
        verbose_name=_("unit pemilik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )


class SharedChange(AuditEntry):
    """One saved change to a speaker, partner or picture: who, when, each field before
    and after. `changes` maps a field's label to `[before, after]` as text."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("tindakan"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    changes = models.JSONField(_("perubahan"), default=dict)

    class Meta:
        verbose_name = _("perubahan data bersama")
        verbose_name_plural = pgettext_lazy("plural", "perubahan data bersama")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"], name="sharedchange_item_idx")
        ]

    def __str__(self):
        return f"{self.action} {self.content_type_id}:{self.object_id}"


class FormerSlug(models.Model):
    """A slug a thing's public URL used before: it keeps answering, with a permanent
    redirect to the current URL, so links readers saved or shared never break."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    slug = models.SlugField(_("slug lama"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("slug lama")
        verbose_name_plural = pgettext_lazy("plural", "slug lama")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="formerslug_unique")
        ]

    def __str__(self):
        return self.slug


def remember_slug(instance):
    """Before saving `instance`: keep its stored slug as a former one when it changes."""
    if instance.pk is None:
        return
    model = type(instance)
    old = model.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if not old or old == instance.slug:
        return
    kind = ContentType.objects.get_for_model(model)
    FormerSlug.objects.filter(content_type=kind, slug=instance.slug).delete()
    FormerSlug.objects.update_or_create(
        content_type=kind, slug=old, defaults={"object_id": instance.pk}
    )


def current_for_former_slug(model, slug):
    """The thing that answered to `slug` before, or None."""
    kind = ContentType.objects.get_for_model(model)
    former = FormerSlug.objects.filter(content_type=kind, slug=slug).first()
    if former is None:
        return None
    return model.objects.filter(pk=former.object_id).first()
