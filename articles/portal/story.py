"""What an article's page shows, read by the live page, a staff preview and the writer of
its stored page (`projected`) alike, so none of them can show something the others don't.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from taggit.models import TaggedItem

from newsroom.statements import Statement

from ..models import Article, EventSpeaker
from . import jsonld
from .common import article_cards, public_events, seo
from .stored import Card, with_card


def story_context(article):
    """The article's own part: the event only while it is public. Tags, corrections, units
    and speakers are read by the template itself, one plain query each (for one article,
    prefetch_related's machinery costs more than the queries)."""
    event = None
    if article.event_id:
        event = (
            public_events()
            .filter(pk=article.event_id)
            .prefetch_related(
                Prefetch("event_speakers", queryset=EventSpeaker.objects.select_related("speaker"))
            )
            .first()
        )
    return {"article": article, "tags": list(article.tags.all()), "event": event}


def article_context(request, article):
    """Everything the article page shows."""
    context = story_context(article)
    tags, event = context["tags"], context["event"]
    return {
        **context,
        "related": related_articles(article.pk, event, tags),
        "structured_data": [jsonld.news_article(request, article, tags)],
        **seo(article.title, article.lead, article.featured_image, og_type="article"),
    }


def related_articles(pk, event, tags):
    """The four newest public articles sharing one of `tags` or the event with article `pk`,
    as cards (stored ones where there are)."""
    tag_ids = [tag.pk for tag in tags if tag.pk is not None]  # a preview's new topics
    if not tag_ids and not (event and event.pk is not None):
        return []
    # An unsaved article (a preview of a new one) is no article's key.
    values = {"pk": pk or 0, "at": timezone.now(), "language": translation.get_language()}
    if tag_ids:
        values["tag_ids"] = tag_ids
    if event and event.pk is not None:
        values["event"] = event.pk
    rows = _RELATED.rows(**values)
    missing = [key for key, card in rows if not card]
    live = article_cards(Article.objects.filter(pk__in=missing)).in_bulk() if missing else {}
    return [Card(card) if card else live[key] for key, card in rows if card or key in live]


def _related(pk, at, language, tag_ids=None, event=None):
    """The tag link is read from taggit's own table by (content type, tag), never through a
    join back to articles, so the database walks the public-time index of articles and
    stops at the fourth match instead of ranking every article of a popular tag."""
    link = Q(pk__in=[])
    if tag_ids:
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), tag_id__in=tag_ids
        )
        link |= Q(pk__in=tagged.values("object_id"))
    if event:
        link |= Q(event_id=event)
    rows = Article.objects.published(at).filter(link).exclude(pk=pk)
    rows = with_card(rows, language).order_by("-publish_at", "-pk")
    return rows.values_list("pk", "projected_card")[:4]


_RELATED = Statement(_related)
