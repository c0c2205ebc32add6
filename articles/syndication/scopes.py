"""What a feed covers: all news, or one section, tag, work unit or speaker.

A scope knows its items (always through `published()`), the items that left it, its
title and page, and the validators (ETag, Last-Modified) a poll is answered from.
"""

import functools
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag, TaggedItem

from newsroom.http import Joined, make_etag
from newsroom.statements import Prepared
from units.models import WorkUnit

from ..models import Article, Correction, Event, Image, Section, Speaker
from ..models.articles import CREDIT_FIELDS, CREDIT_ROLES

User = get_user_model()

FEED_SIZE = 20


@dataclass(frozen=True)
class Scope:
    """One feed's subject: all news, or one section, tag, work unit or speaker.

    `subject` is what the filter is about (a section's value, or the primary key of the
    tag, unit or speaker); the filter is rebuilt from it, so one validator statement per
    kind serves every subject of that kind.
    """

    kind: str
    key: str
    title: str
    link: str
    subject: object = None

    @property
    def filter(self):
        return subject_filter(self.kind, self.subject)

    def articles(self, at=None):
        return Article.objects.published(at).filter(self.filter).order_by("-publish_at", "-pk")

    def departed(self, at=None):
        return Article.objects.departed(at).filter(self.filter)


def subject_filter(kind, subject):
    """Which articles a scope of `kind` about `subject` covers."""
    if not kind:
        return Q()
    if kind == "section":
        return Q(section=subject)
    if kind == "tag":
        # A test per article, not a join: newest first, the index walk stops after the
        # first twenty tagged rows instead of sorting every article the tag ever had.
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=OuterRef("pk"),
            tag=subject,
        )
        return Q(Exists(tagged))
    if kind == "unit":
        related = Article.related_units.through.objects.filter(workunit=subject)
        return Q(unit=subject) | Q(pk__in=related.values("article_id"))
    if kind == "speaker":
        return Q(speakers=subject)
    raise ValueError(kind)


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
            section.value,
        )
    if kind == "tag":
        published = Article.objects.published().values("pk")
        tag = Tag.objects.filter(slug=key, article__in=published).first()
        if tag is None:
            raise Http404("unknown tag")
        title = _("Topik %(name)s") % {"name": tag.name}
        return Scope(kind, key, f"{site}: {title}", reverse("articles:tag", args=[key]), tag.pk)
    if kind == "unit":
        unit = get_object_or_404(WorkUnit, slug=key)
        return Scope(kind, key, f"{site}: {unit.name}", unit.get_absolute_url(), unit.pk)
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
            kind, key, f"{site}: {speaker.full_name}", speaker.get_absolute_url(), speaker.pk
        )
    raise Http404("unknown feed")


def feed_validators(scope):
    """ETag, Last-Modified and the listed ids of a scope's feed, from one query.

    The ETag covers exactly the listed items and their change times, so an item that
    appears (published, or scheduled and now due), changes, or leaves (withdrawn)
    changes it. Last-Modified is the newest change among them or among the items that
    left: a reader polling by date alone must see a withdrawal too.
    """
    statement = _validator_statement(scope.kind, ContentType.objects.get_for_model(Article).pk)
    subject = {"subject": scope.subject} if scope.kind else {}
    rows = statement.run(at=timezone.now(), **subject)
    changes = [moment for row in rows for moment in row[1:5] if moment is not None]
    return make_etag(scope.title, rows), max(changes, default=None), [row[0] for row in rows]


# Stand-ins for the request's time and the scope's subject while a kind's statement is
# compiled (`newsroom.statements`).
_AT = datetime(2000, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
_SUBJECTS = {"": None, "section": "\ue000subject", "tag": -7_340_033, "unit": -7_340_033}
_SUBJECTS["speaker"] = _SUBJECTS["tag"]


def validator_rows(scope, at):
    """The validators' rows as the ORM reads them: the definition the statement is
    compiled from."""
    departed = scope.departed(at).order_by("-updated_at").values("updated_at")[:1]
    last_correction = (
        Correction.objects.filter(article=OuterRef("pk")).order_by().values("article")
    ).annotate(at=Max("noted_at"))
    # Names an entry shows that change without touching the article: its featured
    # picture's text, its unit (the author of last resort), its credited staff and its
    # tags. Scalar subqueries, not joins: nine joins cost more to plan than to run.
    return (
        scope.articles(at)
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


@functools.cache
def _validator_statement(kind, article_type):
    """One statement per scope kind (and content type id, which a tag's filter names).

    Feed readers poll the validators far more often than anything else here, and most of
    a poll's work was Django building and compiling the same dozen subqueries again.
    """
    subject = _SUBJECTS[kind]
    rows = validator_rows(Scope(kind, "", "", "", subject), _AT)
    return Prepared(rows, at=_AT, **({"subject": subject} if kind else {}))


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
