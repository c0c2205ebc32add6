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
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import CharField, Exists, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
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
    rows = statement.rows(at=timezone.now(), subject=scope.subject)
    changes = [moment for row in rows for moment in row[1:5] if moment is not None]
    return make_etag(scope.title, rows), max(changes, default=None), [row[0] for row in rows]


# Stand-ins for the request's time and the scope's subject while a kind's statement is
# compiled; `Statement.rows` puts the real values in their place.
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


@dataclass(frozen=True)
class Statement:
    """A query compiled once, run with the request's time and the scope's subject.

    Feed readers poll the validators far more often than anything else here, and most of
    a poll's work was Django building and compiling the same dozen subqueries again; only
    two values of it ever change between polls. The statement keeps the database alias,
    not a connection: connections belong to one thread.
    """

    sql: str
    params: tuple
    at_slots: tuple
    subject_slots: tuple
    alias: str
    converters: tuple

    def rows(self, *, at, subject):
        connection = connections[self.alias]
        params = list(self.params)
        for slot in self.at_slots:
            params[slot] = connection.ops.adapt_datetimefield_value(at)
        for slot in self.subject_slots:
            params[slot] = subject
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        if not self.converters:
            return fetched
        rows = []
        for row in fetched:
            row = list(row)
            for position, functions, expression in self.converters:
                for convert in functions:
                    row[position] = convert(row[position], expression, connection)
            rows.append(tuple(row))
        return rows


@functools.cache
def _validator_statement(kind, article_type):
    """One statement per scope kind (and content type id, which a tag's filter names)."""
    subject = _SUBJECTS[kind]
    return compile_statement(validator_rows(Scope(kind, "", "", "", subject), _AT), subject)


def compile_statement(queryset, subject):
    """`queryset` compiled, with where `_AT` and `subject` went into its parameters.

    Refuses a query that would run with a stand-in left in it, or whose columns come back
    in another order than `values_list` named them.
    """
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    at = compiler.connection.ops.adapt_datetimefield_value(_AT)
    at_slots = tuple(i for i, p in enumerate(params) if _same(p, at))
    subject_slots = tuple(i for i, p in enumerate(params) if _same(p, subject))
    if not at_slots or (subject is not None and not subject_slots):
        raise ImproperlyConfigured("a validator statement lost its time or subject")
    names = [*queryset.query.values_select, *queryset.query.annotation_select]
    if names != list(queryset._fields):
        raise ImproperlyConfigured("a validator statement's columns are out of order")
    columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
    converters = tuple(
        (position, tuple(functions), expression)
        for position, (functions, expression) in compiler.get_converters(columns).items()
    )
    return Statement(sql, tuple(params), at_slots, subject_slots, queryset.db, converters)


def _same(param, stand_in):
    return type(param) is type(stand_in) and param == stand_in


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
