"""The projection of a published article: its page's own part and its card, as HTML.

An uncached article page spent most of its time rebuilding, for every reader, markup that
only changes when the article or a thing it shows changes: the story with its picture,
corrections, topics, units, speakers and event, and the card every list shows. As a
content store does, that markup is written once per language when the item changes
(`articles.portal.projected`, a task after the commit) and a page reads it with the article
row itself. Only the reading decides what is public: a projection is looked up by an
article that `published()` returned, so a withdrawn article's row is never shown, and a
missing or outdated one (another `FORMAT`) falls back to the live render.

What makes a projection outdated is the one list of what public pages read
(`public_reads`): a change that names an article's page (`article:<slug>`) forgets that
article's projections; a change of a shared thing forgets the projections of the articles
that show it (`shown_by`), or all of them where that is not known. Forgetting happens when
the change commits, before the cached pages are purged, so no page rendered after the
purge is built from the old projection.
"""

from django.db import models
from django.db.models import Q
from django.dispatch import Signal

from .articles import Article
from .images import Image


class Projection(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="projections")
    language = models.CharField(max_length=8)
    # Which templates, catalogues and code wrote it (`articles.portal.projected.FORMAT`):
    # a deployment that changes any of them makes every older row unused until rewritten.
    format = models.CharField(max_length=16)
    story = models.TextField()
    card = models.TextField()
    # What the live parts of the page need from the story's relations without reading
    # them: the topics (keys, related news, JSON-LD) and the event the story shows.
    facts = models.JSONField(default=dict)
    written_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="projection_once"),
        ]

    def __str__(self):
        return f"{self.article_id}/{self.language}"


# What a changed shared thing is shown on: model name -> articles showing the row `pk`.
SHOWN_BY = {
    "WorkUnit": lambda pk: Q(unit_id=pk) | Q(related_units__pk=pk),
    "Tag": lambda pk: Q(tags__pk=pk),
    "Topic": lambda pk: Q(tags__pk=pk),
    "Speaker": lambda pk: Q(speakers__pk=pk) | Q(event__event_speakers__speaker_id=pk),
    # A picture heads its article's story and card, and the body shows it by file name.
    "Image": lambda pk: Q(featured_image_id=pk) | Q(body__contains=_file_name(pk)),
    # An event's partners show on the event's page, never in an article's story.
    "Partner": lambda pk: Q(pk__in=[]),
}


def _file_name(pk):
    name = Image._base_manager.filter(pk=pk).values_list("file", flat=True).first()
    return name or "\x00"  # a deleted picture's name is gone: matches no body


def shown_by(model, pk):
    """The articles whose projections show shared row `pk` of `model`, or None (unknown)."""
    condition = SHOWN_BY.get(model.__name__)
    if condition is None:
        return None
    rows = Article._base_manager.filter(condition(pk)).values_list("pk", flat=True)
    return set(rows.distinct())


# Sent after the commit that made projections outdated, once they are forgotten:
# `articles` is a set of article keys, or None for every article. The portal writes them
# again (`articles.portal.projected`).
stale = Signal()

# What a write outdated, as `freshness` notes it during the transaction.
ALL = "all"


def slugs_of(keys):
    """The articles a change's surrogate keys name by their page (`article:<slug>`)."""
    return {key.partition(":")[2] for key in keys if key.startswith("article:")}


def outdated(noted):
    """Article keys (or None: all) from what writes noted: ("slugs", {...}),
    ("shown", model, pk), ("ids", {...}) or ALL."""
    found, slugs = set(), set()
    for note in noted:
        if note == ALL:
            return None
        if note[0] == "slugs":
            slugs |= note[1]
        elif note[0] == "ids":
            found |= note[1]
        else:
            shown = shown_by(note[1], note[2])
            if shown is None:
                return None
            found |= shown
    if slugs:
        rows = Article._base_manager.filter(slug__in=slugs, copy_of__isnull=True)
        found |= set(rows.values_list("pk", flat=True))
    return found


def forget_outdated(noted):
    """Drop the projections `noted` writes outdated, then ask for them again (`stale`)."""
    articles = outdated(noted)
    if articles is not None and not articles:
        return
    rows = Projection.objects.all()
    if articles is not None:
        rows = rows.filter(article_id__in=articles)
    rows._raw_delete(rows.db)
    stale.send(Projection, articles=articles)
