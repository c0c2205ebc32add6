"""Topics: django-taggit's tags, named as the newsroom names them."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.models import Tag

from newsroom.links import slug_path


class Topic(Tag):
    """Only a name for the admin: taggit ships no Indonesian, so its own Tag reads English."""

    class Meta:
        proxy = True
        verbose_name = _("topik berita")
        verbose_name_plural = pgettext_lazy("plural", "topik berita")
        ordering = ["name"]

    def get_absolute_url(self):
        return slug_path("articles:tag", self.slug)


def tags_from_string(text):
    """Topics are separated by commas only, as the field's help says: "SMK, media sosial"
    is two topics, and a topic of two words needs no quotes (taggit's own parser would
    split "media sosial" in two when there is no comma, and honours quotes)."""
    names = {name.strip().strip('"').strip() for name in (text or "").split(",")}
    return sorted(name for name in names if name)


def string_from_tags(tags):
    """The field's text for saved topics: names joined by commas, never wrapped in quotes."""
    return ", ".join(sorted(tag.name for tag in tags))
