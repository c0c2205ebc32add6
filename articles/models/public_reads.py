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
- STAFF_ONLY: never shown in public (history, revisions, share links, the domain event
  log, former slugs, staff profiles' unit memberships). Quiet.

Everything outside `articles`, `units`, `taggit` and the user model (sessions, login
attempts, second factors, the outbox, tasks, counts, subscribers) is never read by a
public page and is quiet by construction. A new model in those apps must be added to one
of the lists; tests/portal/test_invalidation.py fails until it is.
"""

from django.contrib.auth import get_user_model
from taggit.models import Tag, TaggedItem

from units.models import StaffProfile, WorkUnit

from .articles import Article, Correction
from .domain_events import DomainEvent
from .events import Event, EventSpeaker
from .history import Revision, ShareLink, TransitionLog
from .images import Image
from .partners import Partner
from .publishable import Status
from .shared import FormerSlug, SharedChange
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
STAFF_ONLY = (
    DomainEvent,
    Revision,
    ShareLink,
    TransitionLog,
    SharedChange,
    FormerSlug,
    StaffProfile.units.through,
)
# Where a model is decided by this list (others are never read by a public page).
APPS = {"articles", "units", "taggit"}
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
    if item.draft_of_id is not None:
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


def part_public(model, row):
    item = getattr(row, PARTS[model], None)
    return item is not None and item_public(item)


def write_moves(sender, instance, created=False, before=None):
    """Does this save or delete change what a reader may see?

    `before` is the shared row's shown fields as stored before the save (`snapshot`).
    """
    model = concrete(sender)
    if model in ITEMS:
        return item_public(instance)
    if model in PARTS:
        return part_public(model, instance)
    if is_shared(model):
        if created:
            return model in ANNOUNCED
        fields = shared_fields(model)
        if fields is None or before is None:
            return True
        return any(before.get(name) != getattr(instance, name) for name in fields)
    return False


def snapshot(sender, instance):
    """The shown fields of a shared row with named fields, as stored (one query), or None."""
    model = concrete(sender)
    if not is_shared(model) or shared_fields(model) is None or instance.pk is None:
        return None
    fields = shared_fields(model)
    return model._base_manager.filter(pk=instance.pk).values(*fields).first()


def relation_moves(sender, instance, reverse):
    """A many-to-many change: moves when the item side is public (or from a shared
    thing's side, where the items are many)."""
    if sender not in THROUGH:
        return False
    if isinstance(instance, ITEMS):
        return item_public(instance)
    return True


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
    )
