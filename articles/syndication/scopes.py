"""What a feed covers: all news, or one section, tag, work unit or speaker.

A scope knows its items (always through `published()`), the items that left it, its
title and page, and the validators (ETag, Last-Modified) a poll is answered from.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from taggit.models import Tag, TaggedItem

from newsroom.http import Joined, make_etag
from units.models import WorkUnit

from ..models import Article, Correction, Event, Image, Section, Speaker
from ..models.articles import CREDIT_FIELDS, CREDIT_ROLES

User = get_user_model()

FEED_SIZE = 20


@dataclass(frozen=True)
class Scope:
    """One feed's subject: all news, or one section, tag, work unit or speaker."""

    kind: str
    key: str
    title: str
    link: str
    filter: Q = field(default_factory=Q)

    def articles(self):
        return Article.objects.published().filter(self.filter).order_by("-publish_at", "-pk")

    def departed(self):
        return Article.objects.departed().filter(self.filter)


def resolve_scope(kind, key=None):
    """The scope for a URL, or 404. Tags and speakers are known only through public items."""
    site = settings.NEWSROOM_SITE_NAME
    if not kind:
        return Scope("", "", site, reverse("articles:home"))
    if kind == "section":
        try:
            section = Section(key)
        except ValueError:
            raise Http404("unknown section") from None
        return Scope(
            kind,
            key,
            f"{site}: {section.label}",
            reverse("articles:section", args=[key]),
            Q(section=section.value),
        )
    if kind == "tag":
        published = Article.objects.published().values("pk")
        tag = Tag.objects.filter(slug=key, article__in=published).first()
        if tag is None:
            raise Http404("unknown tag")
        title = _("Topik %(name)s") % {"name": tag.name}
        # A test per article, not a join: newest first, the index walk stops after the
        # first twenty tagged rows instead of sorting every article the tag ever had.
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=OuterRef("pk"),
            tag=tag,
        )
        return Scope(
            kind, key, f"{site}: {title}", reverse("articles:tag", args=[key]), Q(Exists(tagged))
        )
    if kind == "unit":
        unit = get_object_or_404(WorkUnit, slug=key)
        related = Article.related_units.through.objects.filter(workunit=unit).values("article_id")
        return Scope(
            kind,
            key,
            f"{site}: {unit.name}",
            unit.get_absolute_url(),
            Q(unit=unit) | Q(pk__in=related),
        )
    if kind == "speaker":
        speaker = (
            Speaker.objects.filter(slug=key)
            .filter(
                Exists(Article.objects.published().filter(speakers=OuterRef("pk")))
                | Exists(Event.objects.published().filter(speakers=OuterRef("pk")))
            )
            .first()
        )
        if speaker is None:
            raise Http404("unknown speaker")
        return Scope(
            kind,
            key,
            f"{site}: {speaker.full_name}",
            speaker.get_absolute_url(),
            Q(speakers=speaker),
        )
    raise Http404("unknown feed")


def feed_validators(scope):
    """ETag, Last-Modified and the listed ids of a scope's feed, from one query.

    The ETag covers exactly the listed items and their change times, so an item that
    appears (published, or scheduled and now due), changes, or leaves (withdrawn)
    changes it. Last-Modified is the newest change among them or among the items that
    left: a reader polling by date alone must see a withdrawal too.
    """
    departed = scope.departed().order_by("-updated_at").values("updated_at")[:1]
    last_correction = (
        Correction.objects.filter(article=OuterRef("pk")).order_by().values("article")
    ).annotate(at=Max("noted_at"))
    # Names an entry shows that change without touching the article: its featured
    # picture's text, its unit (the author of last resort), its credited staff and its
    # tags. Scalar subqueries, not joins: nine joins cost more to plan than to run.
    rows = list(
        scope.articles()
        .annotate(
            corrected=Subquery(last_correction.values("at")),
            departed=Subquery(departed),
            picture=_one(Image, "featured_image", "file", "alt_text", "caption", "credit"),
            unit_name=_one(WorkUnit, "unit", "name"),
            **{f"{role}_name": _one(User, role, *CREDIT_FIELDS) for role in CREDIT_ROLES},
            tag_names=joined(Tag.objects.filter(article=OuterRef("pk")), "name"),
        )
        .values_list(
            "pk",
            "updated_at",
            "publish_at",
            "corrected",
            "departed",
            "picture",
            "unit_name",
            "writer_name",
            "editor_name",
            "photographer_name",
            "tag_names",
        )[:FEED_SIZE]
    )
    changes = [moment for row in rows for moment in row[1:5] if moment is not None]
    return make_etag(scope.title, rows), max(changes, default=None), [row[0] for row in rows]


def _one(model, field, *names):
    """What the related row behind `field` shows, as one text, by a scalar subquery."""
    parts = [Coalesce(Cast(name, CharField()), Value("")) for name in names]
    pieces = (part for piece in parts for part in (piece, Value("|")))
    text = Concat(*pieces, output_field=CharField())
    row = model.objects.filter(pk=OuterRef(field)).order_by().annotate(text=text)
    return Subquery(row.values("text")[:1])


def joined(related, *fields):
    """One text of `fields` over the `related` rows, as a subquery for a validator's row."""
    whole = related.order_by().annotate(whole=Value(1)).values("whole")  # no GROUP BY
    return Subquery(whole.annotate(joined=Joined(*fields)).values("joined"))


def describe(scope):
    if not scope.kind:
        return _("Berita terbaru dari %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME}
    return _("Berita terbaru: %(title)s.") % {"title": scope.title}
