"""What public pages read: the one list that decides which writes move the cached pages.

Every cached page, feed, calendar and sitemap is stored under the content generation
(`freshness`). A write moves it only when a reader could see the difference, so twenty
people saving drafts in office hours never empty the cache. The rules, per model:

- ITEMS (articles, events): the row is public before or after the write, i.e. an
  original (not a pending copy) in the published state. A draft, a review step, a
  scheduled time set on an unapproved item, a pending copy of a live item: quiet.
  Publishing, correcting (the copy merged into the live row) and withdrawing: moves.
- PARTS: rows shown on an item's page (a correction notice, an event's speakers): they
  move when their item is public.
- SHARED: things pages show by name (speakers, partners, pictures, units, topics, staff
  names in bylines and feeds). Changing one that exists moves; for those listed with
  `fields`, only a change of those fields (a login, a new password, a second factor
  leave a user's name alone). A new one is quiet until an item shows it, except where a
  public page lists them all (`ANNOUNCED`: units fill the search filter). A deletion moves.
- THROUGH: many-to-many rows between an item and shared things, judged by the item on the
  `m2m_changed` signal (taggit sends it too); their own row saves are quiet.
- DERIVED: written from what the lists above decide, after their change moved the pages
  (an article's projection, `projections`). Quiet, or every rewrite would purge again.
- STAFF_ONLY: never shown in public (history, revisions, share links, the domain event
  log, former slugs, autosaved form snapshots, staff profiles' unit memberships). Quiet.

Everything outside `articles`, `units`, `taggit` and the user model (sessions, login
attempts, second factors, the outbox, tasks, counts, subscribers) is never read by a
public page and is quiet by construction. A new model in those apps must be added to one
of the lists; tests/portal/test_invalidation.py fails until it is.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from taggit.models import Tag, TaggedItem

from units.models import StaffProfile, WorkUnit

from . import page_keys
from .articles import Article, Correction
from .domain_events import DomainEvent
from .events import Event, EventSpeaker
from .history import Revision, ShareLink, TransitionLog
from .images import Image
from .partners import Partner
from .projections import Projection
from .publishable import Status
from .shared import FormerSlug, SharedChange
from .snapshots import FormSnapshot
from .speakers import Speaker, SpeakerLink

ITEMS = (Article, Event)
# model -> the field naming the item it is shown on.
PARTS = {Correction: "article", EventSpeaker: "event"}
# model -> the fields public pages show of it (None: any field).
SHARED = {
    Speaker: None,
    SpeakerLink: None,
    Partner: None,
    Image: None,
    WorkUnit: None,
    Tag: None,
    StaffProfile: ("initials",),
}
ANNOUNCED = (WorkUnit, SpeakerLink)
THROUGH = (
    TaggedItem,
    Article.related_units.through,
    Article.speakers.through,
    Event.organisers.through,
    Event.partners.through,
    Event.participating_units.through,
)
DERIVED = (Projection,)
STAFF_ONLY = (
    DomainEvent,
    Revision,
    ShareLink,
    TransitionLog,
    SharedChange,
    FormerSlug,
    FormSnapshot,  # autosave: one write every few seconds while someone types
    StaffProfile.units.through,
)
# Where a model is decided by this list (others are never read by a public page).
APPS = {"articles", "units", "taggit"}
# What a shared thing's change purges: the whole site (a rename shows on every page
# that names it, which no key lists).
EVERYTHING = "everything"
# Set by `remember()` on an item as it was read, so deciding costs no query.
LOADED_STATUS = "_newsroom_loaded_status"


def shared_fields(model):
    """The fields public pages show of `model`, with users' names added here (the user
    model is only known once apps are loaded)."""
    if model is get_user_model():
        return ("first_name", "last_name")
    return SHARED[model]


def is_shared(model):
    return model in SHARED or model is get_user_model()


def concrete(sender):
    return sender._meta.concrete_model


def item_public(item):
    """Is `item` public now or was it when read (so leaving the public view moves too)?"""
    if item.copy_of_id is not None:
        return False
    if item.status == Status.PUBLISHED:
        return True
    loaded = getattr(item, LOADED_STATUS, None)
    if loaded is not None:
        return loaded == Status.PUBLISHED
    if item.pk is None:
        return False
    # Built without reading (a factory, a form's instance): ask the database once.
    return type(item).objects.filter(pk=item.pk, status=Status.PUBLISHED).exists()


def remember(item):
    """Note the state an item was read or written in (`from_db`, after a save)."""
    setattr(item, LOADED_STATUS, item.__dict__.get("status"))


def change_of_save(sender, instance, created=False, before=None, old_keys=()):
    """What a save changes for readers: None (nothing), EVERYTHING, or the surrogate keys
    of the pages to purge (`page_keys`). `before` is a shared row's shown fields as
    stored (`snapshot`); `old_keys` an item's keys as it was stored (`keys_before`)."""
    model = concrete(sender)
    if model in ITEMS:
        if not item_public(instance):
            return None
        keys = set(old_keys)
        if instance.copy_of_id is None:
            keys |= page_keys.of_item(instance)
        return keys
    if model in PARTS:
        return _part_keys(model, instance)
    if is_shared(model):
        if created:
            return EVERYTHING if model in ANNOUNCED else None
        fields = shared_fields(model)
        if fields is None or before is None:
            return EVERYTHING
        changed = any(before.get(name) != getattr(instance, name) for name in fields)
        return EVERYTHING if changed else None
    return None


def change_of_delete(sender, instance):
    model = concrete(sender)
    if model in ITEMS:
        return EVERYTHING if item_public(instance) else None
    if model in PARTS:
        return _part_keys(model, instance)
    return EVERYTHING if is_shared(model) else None


def change_of_relation(sender, instance, action, reverse, model, pk_set):
    """A many-to-many change between an item and shared things (taggit sends it too)."""
    if sender not in THROUGH and concrete(sender) not in PARTS:
        return None
    if isinstance(instance, ITEMS) and not item_public(instance):
        return None
    if reverse or not isinstance(instance, ITEMS) or action == "post_clear":
        return EVERYTHING  # which pages showed the cleared relations is not known here
    return page_keys.of_item(instance) | page_keys.of_related(model, pk_set)


def keys_before(model, item):
    """The keys of a stored item about to be saved, when it was public (one query for
    the row when it was not read from the database or was public, more for its keys);
    also notes its stored state for `item_public`."""
    loaded = getattr(item, LOADED_STATUS, None)
    if item.pk is None or loaded not in (None, Status.PUBLISHED):
        return set()
    stored = model._base_manager.filter(pk=item.pk).first()
    setattr(item, LOADED_STATUS, stored.status if stored else None)
    if stored is None or stored.status != Status.PUBLISHED or stored.copy_of_id is not None:
        return set()
    return page_keys.of_item(stored)


def snapshot(sender, instance):
    """The shown fields of a shared row with named fields, as stored (one query), or None."""
    model = concrete(sender)
    if not is_shared(model) or shared_fields(model) is None or instance.pk is None:
        return None
    fields = shared_fields(model)
    return model._base_manager.filter(pk=instance.pk).values(*fields).first()


def _part_keys(model, row):
    try:
        item = getattr(row, PARTS[model])
    except ObjectDoesNotExist:
        return EVERYTHING  # deleted with its item: which pages showed it is not known
    if item is None or not item_public(item):
        return None
    keys = page_keys.of_item(item)
    if model is EventSpeaker:
        keys |= page_keys.of_related(Speaker, [row.speaker_id])
    return keys


def decided(sender):
    """Is `sender` one this list must classify (it lives where public pages read)?"""
    model = concrete(sender)
    return model._meta.app_label in APPS or model is get_user_model()


def classified(model):
    model = concrete(model)
    return (
        model in ITEMS
        or model in PARTS
        or is_shared(model)
        or model in THROUGH
        or model in STAFF_ONLY
        or model in DERIVED
    )
