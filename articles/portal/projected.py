"""Writing and reading the stored article pages (`articles.models.projections`).

Written by a task after every commit that outdated them (`projections.stale`) and by
`manage.py project_articles` after a deployment, never by a reader's request. A reader's
request only reads one, in the query that asks `published()` for the article, and fills
in what is the reader's or the moment's: the address the reader used, the view count, the
press kit (public from its lift), the related news and the year. Anything missing, or
showing an event that is not public now, is rendered live as before.
"""

import json
from urllib.parse import quote, quote_plus

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.http import HttpRequest
from django.template import loader
from django.urls import resolve
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django_tasks import task

from newsroom.statements import Statement

from ..models import Article, Event, Projection, attach_credits, projections
from ..models.publishable import PUBLIC_ROWS
from .stored import CARD, LEVEL, column, current_format
from .story import article_context, related_articles

PAGE = "articles/article_detail.html"
# Where the stored page leaves room for what each request fills in.
VIEWS, PRESS_KIT, RELATED, YEAR = (
    "<!--views-->",
    "<!--press-kit-->",
    "<!--related-->",
    "<!--year-->",
)
# The scheme and host a stored page is written for, replaced by the reader's own.
ORIGIN_HOST = "projection.invalid"
ORIGIN = f"http://{ORIGIN_HOST}"
# The forms an absolute address takes in a page: as is, in a query string (the share
# links), in a mailto body.
ENCODINGS = (lambda url: url, quote_plus, quote)
# Articles written in one transaction, and at most in one run of the clock's job.
CHUNK = 200
PER_RUN = 1000


class _WritingRequest(HttpRequest):
    """The request a stored page is rendered for: an anonymous reader of `path` at ORIGIN."""

    def __init__(self, path):
        super().__init__()
        self.path = self.path_info = path
        self.method = "GET"
        self.META = {"SERVER_NAME": ORIGIN_HOST, "SERVER_PORT": "80"}
        self.resolver_match = resolve(path)
        self.user = AnonymousUser()
        self.LANGUAGE_CODE = translation.get_language()

    def get_host(self):
        return ORIGIN_HOST


def stored_page(slug):
    """(pk, event_id, page, facts) of the public article `slug` with a current stored page
    in this language, or None (not public, not stored, or its event changed state)."""
    rows = _PAGE.rows(slug=slug, at=timezone.now(), language=translation.get_language())
    if not rows or not rows[0][2] or rows[0][3] is None:
        return None
    pk, event_id, page, facts, event_public = rows[0]
    if isinstance(facts, str):  # a subquery's JSON comes back as text on some databases
        facts = json.loads(facts)
    if facts["event"] != (event_id if event_public else None):
        return None
    return pk, event_id, page, facts


def _page(slug, at, language):
    public_event = Event.objects.published(at).filter(pk=OuterRef("event_id"))
    rows = Article.objects.published(at).filter(slug=slug)
    rows = rows.annotate(
        page=column("story", language),
        facts=column("facts", language),
        event_public=Exists(public_event),
    )
    return rows.values_list("pk", "event_id", "page", "facts", "event_public")[:1]


_PAGE = Statement(_page)


def fill(request, page, facts, article_pk):
    """The stored page with the reader's address, the moment's parts and related news."""
    origin = request.build_absolute_uri("/")[:-1]
    for encode in ENCODINGS:
        page = page.replace(encode(ORIGIN), encode(origin))
    article = Article(pk=article_pk)
    tags = [_Tag(*tag) for tag in facts["tags"]]
    event = _Event(facts["event"], facts["event_slug"]) if facts["event"] else None
    related = related_articles(article_pk, event, tags)
    parts = {
        VIEWS: loader.render_to_string("articles/_views.html", {"article": article}),
        PRESS_KIT: loader.render_to_string("articles/_press_kit.html", {"article": article}),
        RELATED: loader.render_to_string("articles/_related.html", {"related": related}),
        YEAR: str(timezone.localdate().year),
    }
    for mark, html in parts.items():
        page = page.replace(mark, html, 1)
    return mark_safe(page), tags, event  # noqa: S308 - rendered by PAGE, escaped there


class _Tag:
    """A topic as the stored facts name it: enough for keys, links and related news."""

    def __init__(self, pk, name, slug):
        self.pk, self.name, self.slug = pk, name, slug


class _Event:
    def __init__(self, pk, slug):
        self.pk, self.slug = pk, slug


def render(article):
    """The stored page and card of `article` in the active language."""
    request = _WritingRequest(article.get_absolute_url())
    context = {**article_context(request, article), "related": [], "projecting": True}
    page = loader.render_to_string(PAGE, context, request)
    card = loader.render_to_string(CARD, {"article": article, "level": LEVEL, "projecting": True})
    facts = {
        "tags": [[tag.pk, tag.name, tag.slug] for tag in context["tags"]],
        "event": context["event"].pk if context["event"] else None,
        "event_slug": context["event"].slug if context["event"] else "",
    }
    return page, card, facts


def write(pks):
    """Store the pages of the approved articles among `pks`, in every language (a
    scheduled one too: only `published()` decides when a reader gets it). The rows are
    locked while they are read and rendered: two tasks for one article write one after
    the other, the later one from what the later change committed."""
    with transaction.atomic():
        rows = (
            Article.objects.filter(PUBLIC_ROWS, pk__in=pks)
            .select_related("unit", "featured_image")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        articles = attach_credits(rows)
        stored = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for article in articles:
                    page, card, facts = render(article)
                    stored.append(
                        Projection(
                            article=article,
                            language=code,
                            format=current_format(),
                            story=page,
                            card=card,
                            facts=facts,
                        )  # fmt: skip
                    )
        Projection.objects.bulk_create(
            stored,
            update_conflicts=True,
            unique_fields=["article", "language"],
            update_fields=["format", "story", "card", "facts", "written_at"],
        )
    return len(articles)


def missing():
    """Approved articles without a current stored page, newest first (the most read)."""
    kept = Projection.objects.filter(
        article=OuterRef("pk"), language=settings.LANGUAGE_CODE, format=current_format()
    )
    rows = Article.objects.filter(PUBLIC_ROWS).filter(~Exists(kept))
    return rows.order_by("-publish_at", "-pk").values_list("pk", flat=True)


@task(priority=-10)
def project(pks=None):
    """Write the stored pages of articles `pks`, or (None) of up to `PER_RUN` articles
    without a current one, newest first; the number of articles written.

    The clock asks every minute (`outreach.background.schedule`), so after a deployment
    that changed what pages are rendered from, the archive is written again a slice at a
    time, between the mail and other tasks, while its pages render live.
    """
    if pks is not None:
        return sum(write(pks[start : start + CHUNK]) for start in range(0, len(pks), CHUNK))
    written = 0
    while written < PER_RUN and (chunk := list(missing()[:CHUNK])):
        done = write(chunk)
        written += done
        if not done:
            break  # withdrawn while waiting: nothing left that could be written
    return written


@receiver(projections.stale, dispatch_uid="project-stale-articles")
def _stale(sender, articles, **kwargs):
    project.enqueue(sorted(articles) if articles is not None else None)
