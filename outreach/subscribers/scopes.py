"""What a subscriber can follow, written "kind:key" (section:berita, tag:smk, all, agenda).

A request names at most MAX_SCOPES; every key is checked against what exists in one query
per kind, so a thousand scopes in one request cost nothing but a clear refusal. The same
vocabulary as the feeds: the list pages' `feed_scope`/`feed_slug` prefill the form.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from taggit.models import Tag, TaggedItem

from articles.models import Article, Event, Section, Speaker
from units.models import WorkUnit

from ..models import ScopeKind

MAX_SCOPES = 20
KEYED = {ScopeKind.SECTION, ScopeKind.TAG, ScopeKind.UNIT, ScopeKind.SPEAKER}


class ScopeError(ValueError):
    """A scope list that cannot be followed; the message is for the reader."""


def parse(values):
    """[(kind, key)] from "kind:key" strings, in order, without repeats; or ScopeError."""
    if len(values) > MAX_SCOPES:
        raise ScopeError(
            _("Paling banyak %(max)d pilihan dalam satu langganan.") % {"max": MAX_SCOPES}
        )
    pairs = []
    for value in values:
        kind, _sep, key = str(value).strip().partition(":")
        if kind not in ScopeKind.values or (kind in KEYED) != bool(key) or len(key) > 120:
            raise ScopeError(_("Pilihan langganan tidak dikenal."))
        if (kind, key) not in pairs:
            pairs.append((kind, key))
    if not pairs:
        raise ScopeError(_("Pilih sedikitnya satu hal yang ingin diikuti."))
    return pairs


def labels(pairs):
    """{(kind, key): label} for the pairs that exist; unknown keys are left out."""
    wanted = {kind: [key for k, key in pairs if k == kind] for kind, _key in pairs}
    found = {}
    for kind, keys in wanted.items():
        if kind == ScopeKind.ALL:
            found[(kind, "")] = _("Semua berita")
        elif kind == ScopeKind.AGENDA:
            found[(kind, "")] = _("Agenda kegiatan")
        elif kind == ScopeKind.SECTION:
            for key in keys:
                if key in Section.values:
                    found[(kind, key)] = _("Rubrik %(name)s") % {"name": Section(key).label}
        elif kind == ScopeKind.TAG:
            for slug, name in Tag.objects.filter(slug__in=keys).values_list("slug", "name"):
                found[(kind, slug)] = _("Topik %(name)s") % {"name": name}
        elif kind == ScopeKind.UNIT:
            for slug, name in WorkUnit.objects.filter(slug__in=keys).values_list("slug", "name"):
                found[(kind, slug)] = _("Unit %(name)s") % {"name": name}
        elif kind == ScopeKind.SPEAKER:
            for speaker in Speaker.objects.filter(slug__in=keys):
                found[(kind, speaker.slug)] = _("Narasumber %(name)s") % {"name": speaker.full_name}
    return found


def checked(values):
    """(pairs, labels) for a submitted list: every scope must exist, or ScopeError."""
    pairs = parse(values)
    known = labels(pairs)
    if any(pair not in known for pair in pairs):
        raise ScopeError(_("Ada pilihan langganan yang tidak ada (lagi) di situs ini."))
    return pairs, known


def of_item(item):
    """The (kind, key) pairs a public item belongs to: who follows any of them hears of it."""
    pairs = set()
    if item.unit_id:
        pairs.add((ScopeKind.UNIT, item.unit.slug))
    speakers = item.speakers.values_list("slug", flat=True)
    pairs.update((ScopeKind.SPEAKER, slug) for slug in speakers)
    if isinstance(item, Event):
        pairs.add((ScopeKind.AGENDA, ""))
        return pairs
    pairs.add((ScopeKind.ALL, ""))
    pairs.add((ScopeKind.SECTION, item.section))
    units = item.related_units.values_list("slug", flat=True)
    pairs.update((ScopeKind.UNIT, slug) for slug in units)
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id=item.pk
    ).values_list("tag__slug", flat=True)
    pairs.update((ScopeKind.TAG, slug) for slug in tagged)
    return pairs


def item_type(item):
    return "event" if isinstance(item, Event) else "article"


def item_model(kind):
    return Event if kind == "event" else Article
