"""Topics: django-taggit's tags, named as the newsroom names them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.models import Tag


class Topic(Tag):
    """Only a name for the admin: taggit ships no Indonesian, so its own Tag reads English."""

    class Meta:
        proxy = True
        verbose_name = _("topik berita")
        verbose_name_plural = pgettext_lazy("plural", "topik berita")
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})
