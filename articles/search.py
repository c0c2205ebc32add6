"""Reader search over published articles.

On PostgreSQL every article carries a weighted `search_vector` (title A, lead and tags B,
body, speakers and units C) built with the `indonesian` text-search configuration, so a
reader's "menyelenggarakan" finds a story that says "selenggarakan". The vector is a stored
column rewritten by one UPDATE after every save and every tag/speaker/unit change, because
part of it lives in other tables, which a generated column cannot reach. SQLite, the
embedded development database, has no such machinery: it gets a plain substring match.
"""

import html
import re

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Concat
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import mark_safe
from taggit.models import Tag, TaggedItem

from units.models import WorkUnit

from .models import Article, Speaker

CONFIG = "indonesian"
MAX_QUERY_LENGTH = 200
# Private-use characters mark the highlights inside ts_headline's plain-text output, so the
# text can be escaped as a whole and only these marks turned into <mark> afterwards.
_START, _STOP = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_query(raw):
    """The reader's words, bounded and free of bytes the database refuses (NUL)."""
    text = _CONTROL.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def is_fulltext():
    return connection.vendor == "postgresql"


def search_articles(query):
    """Published articles matching `query`, best first; each carries `snippet_html`.

    Returns a queryset (so it can be paginated); call `with_snippets()` on the page's
    object list to get escaped, highlighted snippets.
    """
    query = clean_query(query)
    articles = Article.objects.published().for_listing()
    if not query:
        return articles.none()
    if is_fulltext():
        return _fulltext(articles, query)
    return _substring(articles, query)


def _fulltext(articles, query):
    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    body_text = Func(
        F("body"), Value("<[^>]+>"), Value(" "), Value("g"),
        function="REGEXP_REPLACE", output_field=TextField(),
    )  # fmt: skip
    return (
        articles.filter(search_vector=search_query)
        .annotate(
            rank=SearchRank(F("search_vector"), search_query),
            headline=SearchHeadline(
                Concat(F("lead"), Value(" "), body_text, output_field=TextField()),
                _any_word(query) or search_query,
                config=CONFIG,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-publish_at", "-pk")
    )


def _any_word(query):
    """The reader's words joined by OR, for the snippet only.

    With the matching (AND) query, ts_headline marks nothing unless one passage holds every
    word, and falls back to the first few words cut mid-sentence; a story found through its
    title plus one body word would show an unmarked, truncated lead.
    """
    words = None
    for term in _terms(query):
        if term.startswith("-") or term.lower() == "or":  # websearch's NOT and OR
            continue
        word = SearchQuery(term, search_type="plain", config=CONFIG)
        words = word if words is None else words | word
    return words


def _terms(query):
    return [term for term in query.replace('"', " ").split() if term][:8]


def _substring(articles, query):
    matches = Q()
    for term in _terms(query):
        matches &= (
            Q(title__icontains=term)
            | Q(lead__icontains=term)
            | Q(body__icontains=term)
            | Q(pk__in=Article.objects.filter(tags__name__icontains=term).values("pk"))
            | Q(pk__in=Article.objects.filter(speakers__name__icontains=term).values("pk"))
            | Q(unit__name__icontains=term)
            | Q(unit__abbreviation__icontains=term)
            | Q(pk__in=Article.objects.filter(related_units__name__icontains=term).values("pk"))
        )
    return articles.filter(matches)


def with_snippets(articles, query):
    """Attach `snippet_html` (escaped text, highlights as <mark>) to each article."""
    query = clean_query(query)
    for article in articles:
        headline = getattr(article, "headline", None)
        if headline is not None and _START in headline:
            article.snippet_html = _marked(html.unescape(headline))
        elif headline is not None:  # found through the title, tags, speakers or units
            article.snippet_html = escape(article.lead)
        else:
            article.snippet_html = _highlight(article.lead, _terms(query))
    return articles


def _marked(text):
    escaped = escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(escaped)  # noqa: S308 - escaped above; only our own marks are HTML


def _highlight(text, terms):
    escaped = escape(text)
    terms = [escape(term) for term in terms if term]
    if not terms:
        return mark_safe(escaped)  # noqa: S308
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    # Only matches inside text, never inside an escaped entity such as &amp;.
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))  # noqa: S308


# --- keeping the stored vector current ------------------------------------------------------


def _joined(rows, key, text):
    """One space-joined string of `text` over an article's related rows, as a subquery."""
    return rows.order_by().values(key).annotate(text=StringAgg(text, " ")).values("text")


def _document():
    """The weighted tsvector of an article row, as one SQL expression (for UPDATE)."""
    content_type = ContentType.objects.get_for_model(Article)
    tags = _joined(
        TaggedItem.objects.filter(content_type_id=content_type.pk, object_id=OuterRef("pk")),
        "object_id",
        "tag__name",
    )
    speakers = _joined(
        Article.speakers.through.objects.filter(article_id=OuterRef("pk")),
        "article_id",
        "speaker__name",
    )
    related_units = _joined(
        Article.related_units.through.objects.filter(article_id=OuterRef("pk")),
        "article_id",
        Concat("workunit__name", Value(" "), "workunit__abbreviation"),
    )
    owner = WorkUnit.objects.filter(pk=OuterRef("unit_id")).values(
        text=Concat("name", Value(" "), "abbreviation", output_field=TextField())
    )
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("lead", Subquery(tags), weight="B", config=CONFIG)
        + SearchVector(
            "body",
            Subquery(speakers),
            Subquery(owner),
            Subquery(related_units),
            weight="C",
            config=CONFIG,
        )
    )


def refresh_search_vectors(articles):
    """Rewrite the stored vector of the given articles in one UPDATE (PostgreSQL only)."""
    if not is_fulltext():
        return 0
    return Article.objects.filter(pk__in=articles.values("pk")).update(search_vector=_document())


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_vectors(Article.objects.filter(pk=instance.pk))


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Article):
        refresh_search_vectors(Article.objects.filter(pk=instance.pk))
    elif reverse and pk_set and sender is not TaggedItem:
        # speaker.articles.add(...) and the like: pk_set holds article ids.
        refresh_search_vectors(Article.objects.filter(pk__in=pk_set))


for _through in (Article.speakers.through, Article.related_units.through, TaggedItem):
    m2m_changed.connect(_m2m_changed, sender=_through, dispatch_uid=f"search_{_through.__name__}")


@receiver(post_save, sender=Speaker, dispatch_uid="search_speaker_saved")
def _speaker_saved(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):
        refresh_search_vectors(Article.objects.filter(speakers=instance))


@receiver(post_save, sender=WorkUnit, dispatch_uid="search_unit_saved")
def _unit_saved(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):
        refresh_search_vectors(Article.objects.filter(Q(unit=instance) | Q(related_units=instance)))


@receiver(post_save, sender=Tag, dispatch_uid="search_tag_saved")
def _tag_saved(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):
        refresh_search_vectors(Article.objects.filter(tags=instance))
