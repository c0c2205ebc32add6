"""The surrogate keys of an item: every stored page that may show it (`newsroom.pagekeys`).

A route's pages name what they show by address (`articles/portal/urls.py`,
`articles/syndication/urls.py`): "article:<slug>", "event:<slug>", "section:<section>",
"tag:<slug>", "unit:<slug>", "speaker:<slug>", and "lists" for every page that lists
items of all kinds (home, archives, search, the agenda, site-wide feeds, calendars,
sitemaps). An article page also names its tags and its event (its related articles and
its event block); a unit or speaker page lists items by several relations. So an item's
change purges: its own page, every list, its section's, its tags', its units' (owner,
related, organisers, participants) and its speakers' pages and feeds (an article's
event's speakers too: their pages list the event's articles), and its event's page.
Other items' pages and other sections', tags', units' and speakers' pages stay.
"""

from newsroom.pagekeys import LISTS

from .articles import Article
from .events import Event, EventSpeaker


def of_item(item):
    """The keys of every page that may show `item` as it is stored with its relations."""
    if isinstance(item, Article):
        return _article(item)
    return _event(item)


def _article(article):
    keys = {LISTS, f"article:{article.slug}", f"section:{article.section}"}
    keys.add(f"unit:{article.unit.slug}")
    keys.update(f"unit:{slug}" for slug in article.related_units.values_list("slug", flat=True))
    keys.update(f"tag:{slug}" for slug in article.tags.values_list("slug", flat=True))
    keys.update(f"speaker:{slug}" for slug in article.speakers.values_list("slug", flat=True))
    if article.event_id:
        event = Event.objects.filter(pk=article.event_id).values_list("slug", flat=True).first()
        keys.add(f"event:{event}")
        keys.update(_event_speakers(article.event_id))
    return keys


def _event(event):
    keys = {LISTS, f"event:{event.slug}", f"unit:{event.unit.slug}"}
    for units in (event.organisers, event.participating_units):
        keys.update(f"unit:{slug}" for slug in units.values_list("slug", flat=True))
    keys.update(_event_speakers(event.pk))
    # Articles about the event show its block (and their related articles).
    about = Article.objects.filter(event_id=event.pk, copy_of__isnull=True)
    keys.update(f"article:{slug}" for slug in about.values_list("slug", flat=True))
    return keys


def _event_speakers(event_id):
    rows = EventSpeaker.objects.filter(event_id=event_id).values_list("speaker__slug", flat=True)
    return {f"speaker:{slug}" for slug in rows}


def of_related(model, pks):
    """The keys of shared things added to or removed from an item (`m2m_changed`)."""
    prefix = {"WorkUnit": "unit", "Tag": "tag", "Topic": "tag", "Speaker": "speaker"}.get(
        model.__name__
    )
    if prefix is None or not pks:
        return set()
    slugs = model._base_manager.filter(pk__in=pks).values_list("slug", flat=True)
    return {f"{prefix}:{slug}" for slug in slugs}
