"""Reader search over published articles, events and speakers, and its page.

On PostgreSQL every article carries a weighted `search_vector` (see
`articles.models.search_index`) built with the `indonesian` text-search configuration, so
a reader's "menyelenggarakan" finds a story that says "selenggarakan"; events and speakers
are found through a GIN index on the same configuration over their own columns. SQLite
uses the same Snowball Indonesian stemmer over FTS5 tables (`articles.models.search_sqlite`).
"""

import functools
import html
import re
from datetime import UTC, datetime

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Exists, F, Func, OuterRef, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from newsroom.statements import Prepared

from ..models import Article, Event, Speaker, search_sqlite
from ..models.search_index import CONFIG, OWN_FIELDS, is_fulltext, own_document
from .common import paginate, seo
from .stored import attach_cards

MAX_QUERY_LENGTH = 200
# How many of the newest matches a full-text search ranks (PostgreSQL).
CANDIDATES = 500
# Events and speakers shown above the news results (first page only).
OTHER_MATCHES = 5
# Private-use characters mark the highlights inside ts_headline's plain-text output, so the
# text can be escaped as a whole and only these marks turned into <mark> afterwards.
_START, _STOP = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Stand-ins for the time and the reader's words in the statements compiled once per
# process on PostgreSQL (`newsroom.statements`): private-use text, unlike any constant of
# those queries (the highlight marks above included).
_AT = datetime(2000, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
_WORDS = "\ue002"
_LEFT_OUT = "-\ue003"


def clean_query(raw):
    """The reader's words, bounded and free of bytes the database refuses (NUL)."""
    text = _CONTROL.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_articles(query, at=None):
    """Published articles matching `query`, best first; each carries `snippet_html`.

    Returns a queryset (so it can be paginated); call `with_snippets()` on the page's
    object list to get escaped, highlighted snippets.
    """
    query = clean_query(query)
    articles = Article.objects.published(at).for_listing()
    if not query:
        return articles.none()
    if is_fulltext():
        return _fulltext(articles, query)
    if search_sqlite.available():
        return _stemmed(articles, query)
    return _substring(articles, query)


def _fulltext(articles, query):
    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    # The index finds the matches; only the newest CANDIDATES of them are ranked, so a word
    # found in nearly every article costs a bounded sort, not a rank of the whole archive.
    candidates = (
        articles.filter(search_vector=search_query)
        .order_by("-publish_at", "-pk")
        .values("pk")[:CANDIDATES]
    )
    return _ranked(Article.objects.filter(pk__in=candidates), query, search_query)


def _fulltext_page(articles, query, start, stop):
    """One page of `_fulltext`'s results: the same candidates in the same order.

    Each candidate is ranked in the scan that finds it, and only the page's rows are read
    whole: ranking the candidates after finding them read all of them again by key, with
    their bodies, and sorted the whole rows.
    """
    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    candidates = (
        articles.filter(search_vector=search_query)
        .annotate(rank=SearchRank(F("search_vector"), search_query))
        .order_by("-publish_at", "-pk")
        .values("pk", "publish_at", "rank")[:CANDIDATES]
    )
    sql, params = candidates.query.sql_with_params()
    limit = "ALL" if stop is None else int(stop) - int(start)
    keys = RawSQL(
        f'SELECT "c"."pk" FROM ({sql}) AS "c" '  # noqa: S608 - our own compiled query
        f'ORDER BY "c"."rank" DESC, "c"."publish_at" DESC, "c"."pk" DESC '
        f"LIMIT {limit} OFFSET {int(start)}",
        params,
    )
    return _ranked(Article.objects.filter(pk__in=keys), query, search_query)


def _ranked(matches, query, search_query):
    """`matches` as cards, best first, each with its highlighted snippet."""
    body_text = Func(
        F("body"), Value("<[^>]+>"), Value(" "), Value("g"),
        function="REGEXP_REPLACE", output_field=TextField(),
    )  # fmt: skip
    return (
        matches.for_listing()
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


class Matches:
    """A full-text search's results as the paginator reads them (PostgreSQL).

    The count is the queryset's (the paginator keeps it per content generation); a page
    (`_fulltext_page`) is read by a statement compiled once per process for its number
    of words and its rows, since building and compiling the ranked, highlighted query
    again was most of the cost of a search.
    """

    def __init__(self, query):
        self.query = clean_query(query)

    def count(self):
        return search_articles(self.query).count()

    def __getitem__(self, rows):
        if rows.stop is not None and rows.stop <= (rows.start or 0):
            return []
        words = _wanted_terms(self.query)
        statement = _page_statement(len(words), rows.start or 0, rows.stop)
        values = {f"word{n}": word for n, word in enumerate(words)}
        return statement.run(at=timezone.now(), query=self.query, **values)


@functools.lru_cache(maxsize=64)
def _page_statement(words, start, stop):
    stand_ins = {f"word{n}": f"{_WORDS}{n}" for n in range(words)}
    # The left-out word keeps the whole query apart from each of its words.
    query = " ".join([*stand_ins.values(), _LEFT_OUT])
    articles = Article.objects.published(_AT)
    page = _fulltext_page(articles, clean_query(query), start, stop)
    return Prepared(page, at=_AT, query=query, **stand_ins)


def _any_word(query):
    """The reader's words joined by OR, for the snippet only.

    With the matching (AND) query, ts_headline marks nothing unless one passage holds every
    word, and falls back to the first few words cut mid-sentence; a story found through its
    title plus one body word would show an unmarked, truncated lead.
    """
    words = None
    for term in _wanted_terms(query):
        word = SearchQuery(term, search_type="plain", config=CONFIG)
        words = word if words is None else words | word
    return words


def _terms(query):
    return [term for term in query.replace('"', " ").split() if term][:8]


def _wanted_terms(query):
    """The reader's words without websearch's NOT (`-word`) and OR."""
    return [term for term in _terms(query) if not (term.startswith("-") or term.lower() == "or")]


def _stemmed(articles, query):
    """SQLite: the stemmed FTS5 document finds inflected forms; the substring match that
    SQLite always had still finds parts of words (an abbreviation inside a longer one)."""
    expression = search_sqlite.match_expression(_terms(query))
    if expression is None:
        return articles.none()
    stemmed = Q(pk__in=RawSQL(search_sqlite.matching_ids_sql(Article), [expression]))
    return articles.filter(stemmed | _substring_match(query))


def _substring(articles, query):
    return articles.filter(_substring_match(query))


def _substring_match(query):
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
    return matches


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


def _all_terms(fields, query):
    """Every word of the reader's in at least one of `fields` (case-insensitive)."""
    matches = Q()
    for term in _wanted_terms(query):
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": term})
        matches &= any_field
    return matches


def _own_words_match(items, query):
    """`items` (events or speakers) whose own columns match the reader's words, found
    through the index of each database, the way articles are.

    Every wanted word must match, as before and on both databases; a NOT or an OR is
    dropped, so no query asks the index for "everything without this word" (a scan of
    every row). PostgreSQL: the `indonesian` query against the expression the GIN index
    holds. SQLite: the stemmed FTS5 table, plus the substring match that finds parts of
    words, as `_stemmed` does for articles.
    """
    model = items.model
    words = _wanted_terms(query)
    if not words:
        return items.none()
    if is_fulltext():
        search_query = SearchQuery(" ".join(words), search_type="plain", config=CONFIG)
        return items.alias(document=own_document(model)).filter(document=search_query)
    substring = _all_terms(OWN_FIELDS[model], query)
    if not search_sqlite.available():
        return items.filter(substring)
    expression = search_sqlite.match_expression(_terms(query))
    if expression is None:
        return items.none()
    stemmed = Q(pk__in=RawSQL(search_sqlite.matching_ids_sql(model), [expression]))
    return items.filter(stemmed | substring)


def search_events(query):
    """Public events whose name, description or place match; newest first.

    The index finds the matches and the database reads them newest first from the public
    start-time index, so a word in every event costs the few rows shown, not a sort of all.
    """
    query = clean_query(query)
    if not query:
        return []
    if is_fulltext():
        return _prepared_others("events", query)
    return list(_events(query))


def _events(query, at=None):
    events = _own_words_match(Event.objects.published(at), query).select_related("unit")
    return events.order_by("-starts_at", "-pk")[:OTHER_MATCHES]


def _prepared_others(kind, query):
    """Events or speakers, by the statement compiled once per process (PostgreSQL): the
    wanted words go into the query as one text, whatever their number."""
    words = _wanted_terms(query)
    if not words:
        return []
    return _others_statement(kind).run(at=timezone.now(), words=" ".join(words))


@functools.cache
def _others_statement(kind):
    find = {"events": _events, "speakers": _speakers}[kind]
    return Prepared(find(_WORDS, at=_AT), at=_AT, words=_WORDS)


def search_speakers(query):
    """Speakers of public news or events whose name or position match, by name.

    A speaker known only from unpublished items is not public (their page is a 404): each
    candidate, in name order, is asked whether a published article or event names them
    (indexed probes of its own links), instead of collecting every link of every published
    item first.
    """
    query = clean_query(query)
    if not query:
        return []
    if is_fulltext():
        return _prepared_others("speakers", query)
    return list(_speakers(query))


def _speakers(query, at=None):
    quoted = Article.objects.published(at).filter(speakers=OuterRef("pk")).values("pk")
    speaking = (
        Event.objects.published(at).filter(event_speakers__speaker=OuterRef("pk")).values("pk")
    )
    # One EXISTS over a UNION ALL: PostgreSQL cannot turn it into a hash of every public
    # link (as it does with two OR-ed EXISTS when many speakers match), so it probes the
    # speaker's links in name order and stops after OTHER_MATCHES public speakers.
    public = Exists(quoted.union(speaking, all=True))
    speakers = _own_words_match(Speaker.objects.all(), query).filter(public)
    return speakers.order_by("name", "pk")[:OTHER_MATCHES]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    # Results are at most CANDIDATES rows already; a second pass by key would search twice.
    results = Matches(query) if is_fulltext() else search_articles(query)
    page = paginate(request, results, per_page=10, by_key=False) if query else None
    first_page = page is not None and page.number == 1
    if page is not None:
        page.object_list = attach_cards(with_snippets(list(page.object_list), query))
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "page": page,
            "events": search_events(query) if first_page else [],
            "speakers": search_speakers(query) if first_page else [],
            **seo(
                _("Hasil pencarian: %(query)s") % {"query": query} if query else _("Pencarian"),
                robots="noindex, follow",
            ),
        },
    )
