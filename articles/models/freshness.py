"""The content generation: one token that changes whenever anything public may have changed.

Cached public pages, feeds, calendars and sitemaps are stored under the current token, so a
change makes every stored copy unreachable at once, on every app server that shares the
cache (Redis in production). Two kinds of change move it:

- a write a reader could see (`public_reads`, the one list of what public pages read: a
  published item, or a speaker, unit, topic, picture, partner or staff name they show)
  moves it when its transaction commits (until then, readers keep the committed
  state's pages, which are still true). A draft saved, a revision, a share link, a
  review step, a login moves nothing;
- time: a scheduled item goes public, an event starts or ends, with no write at all. The
  earliest such moment is stored next to the token; the first request after it moves the
  token and looks up the next moment (two indexed MIN queries).

One cache read per request answers both (`current()`). Answers that hold until something
public changes (a long list's count) are kept under the token too (`kept()`).
"""

import contextlib
import contextvars
import hashlib
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from newsroom import pagecache, pagekeys
from newsroom.cache import unreachable
from newsroom.pagecache import GENERATION_KEY as STATE_KEY

from . import projections, public_reads
from .articles import Article
from .events import Event
from .publishable import Status

# The token of every content write, public or not (`staff_token()`).
STAFF_KEY = "content-generation-staff"


def current():
    """The token public responses are stored under, and when it was minted (epoch seconds)."""
    state = cache.get(STATE_KEY)
    if state is None and unreachable(cache):
        # Redis is down: no token can be shared, so each caller gets one of its own, as a
        # new token would be, without the two queries for a due time nobody could read.
        # A sitemap's kept answers asked for nine tokens a request, 18 queries.
        return uuid.uuid4().hex, time.time()
    if state is None or (state[2] is not None and state[2] <= time.time()):
        state = bump()
    return state[0], state[1]


def kept(name, find, ttl=3600):
    """`find()`'s answer for `name`, found once per content generation.

    For what costs a scan of the archive and is the same on every request until something
    public changes: the count of a section over ten years, the number of sitemap files.
    A new token or a purge makes every kept answer unreachable, like every stored list. Where each
    worker has a cache of its own (`NEWSROOM_SHARED_CACHE` off), nothing is kept: a
    change in one worker would not move the others' tokens.
    """
    if not settings.NEWSROOM_SHARED_CACHE:
        return find()
    token, _ = current()
    # Any item's publication purges every list (`pagekeys.LISTS`) and so every kept answer.
    seed = f"{token}|{pagekeys.sequence()}|{name}"
    key = "kept:" + hashlib.sha256(seed.encode()).hexdigest()
    answer = cache.get(key)
    if answer is None:
        answer = find()
        cache.set(key, answer, ttl)
    return answer


def bump():
    """A new token, and the next moment the public view changes by itself."""
    state = (uuid.uuid4().hex, time.time(), next_due())
    cache.set(STATE_KEY, state, None)
    _move_staff()
    return state


def next_due():
    """The earliest future publish time, event start or event end; None if nothing waits."""
    now = timezone.now()
    waiting = {"status": Status.PUBLISHED, "copy_of__isnull": True}
    article = Article.objects.filter(publish_at__gt=now, **waiting).aggregate(t=Min("publish_at"))
    event = Event.objects.filter(**waiting).aggregate(
        publish=Min("publish_at", filter=_after("publish_at", now)),
        start=Min("starts_at", filter=_after("starts_at", now)),
        end=Min("ends_at", filter=_after("ends_at", now)),
    )
    times = [t for t in (article["t"], *event.values()) if t is not None]
    return min(times).timestamp() if times else None


def _after(field, now):
    return Q(**{f"{field}__gt": now})


def staff_token():
    """The token of everything written, public or not: the admin's kept list answers
    (`articles/admin/list_memo.py`) hold drafts too, so a draft moves this one alone."""
    token = cache.get(STAFF_KEY)
    if token is None:
        token = _move_staff()
    return token


def _move_staff():
    token = uuid.uuid4().hex
    cache.set(STAFF_KEY, token, None)
    return token


class _Commit:
    """One move per committed transaction, however many rows it wrote."""

    done = False
    everything = False

    def __init__(self):
        self.keys = set()
        self.outdated = []

    def __call__(self):
        if not self.done:
            self.done = True
            _move_staff()
            if self.outdated:
                # Before the purge: a page rendered after it never reads an old projection.
                # Deferred inside a test's never-committed block, as the rows it reads.
                noted = list(self.outdated)
                transaction.on_commit(lambda: projections.forget_outdated(noted))
            if self.everything:
                bump()
            elif self.keys:
                pagekeys.purge(self.keys)
                _refresh_due()


_held = contextvars.ContextVar("newsroom_freshness_held", default=False)


@contextlib.contextmanager
def held():
    """Bulk writes (the demo loader): nothing is decided row by row; the whole site and
    the staff token move once at the end."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)
        bump()
        transaction.on_commit(lambda: projections.forget_outdated([projections.ALL]))


def _refresh_due():
    """An item's change may have set or moved a publish time or an event's start or end:
    the next due moment is looked up again (the token stays; the change was purged)."""
    state = cache.get(STATE_KEY)
    if state is None:
        return  # the next request mints a token and looks it up
    due = next_due()
    if due != state[2]:
        cache.set(STATE_KEY, (state[0], state[1], due), None)


def move(change, outdated=None):
    """Make what `change` names unreachable (`public_reads`: None moves only the staff
    token; EVERYTHING the content generation; a set of surrogate keys the pages stored
    under them) when the write is committed: only then can a reader see it. `outdated`:
    what the write makes of article projections (`projections.outdated`), if not only
    the articles whose pages `change` names."""
    everything = change == public_reads.EVERYTHING
    keys = set() if everything or not change else set(change)
    noted = []
    if outdated is not None:
        noted.append(outdated)
    elif keys and (slugs := projections.slugs_of(keys)):
        noted.append(("slugs", slugs))
    elif everything:
        noted.append(projections.ALL)
    now = _Commit()
    now.everything, now.keys, now.outdated = everything, keys, noted
    if not connection.in_atomic_block:
        now()
        return
    transaction_ = pagecache.commits_later()
    if transaction_ is None:
        now()  # a TestCase's block: as public now as it will ever be
    else:
        # The staff lists may show the uncommitted rows to their writer: they move now,
        # and again at the commit with the public pages.
        _move_staff()
        if everything or keys:
            pagecache.hold_until_commit(transaction_)
    # One `_Commit` per transaction gathers every write's keys; a callback dropped with a
    # rolled-back savepoint is covered by the later ones sharing it.
    block = connection.atomic_blocks[0]
    commit = _this_transaction.__dict__.get(block)
    if commit is None or commit.done:
        _this_transaction.__dict__.clear()  # an earlier transaction's, committed or not
        commit = _this_transaction.__dict__[block] = _Commit()
    commit.everything = commit.everything or everything
    commit.keys |= keys
    commit.outdated += noted
    transaction.on_commit(commit)


# This thread's open transaction (its outermost atomic block) -> the `_Commit` it will run.
_this_transaction = threading.local()


# Set by `_before_save`: a shared row's shown fields, an item's keys, as stored.
_BEFORE = "_newsroom_shown_before"
_OLD_KEYS = "_newsroom_old_keys"


def _login(update_fields):
    return update_fields is not None and set(update_fields) <= {"last_login"}


@receiver(pre_save, dispatch_uid="freshness-before-save")
def _before_save(sender, instance, update_fields=None, **kwargs):
    if _held.get() or not public_reads.decided(sender) or _login(update_fields):
        return
    model = public_reads.concrete(sender)
    if model in public_reads.ITEMS:
        setattr(instance, _OLD_KEYS, public_reads.keys_before(model, instance))
    else:
        setattr(instance, _BEFORE, public_reads.snapshot(sender, instance))


@receiver(post_save, dispatch_uid="freshness-save")
def _saved(sender, instance, created=False, update_fields=None, **kwargs):
    if _held.get() or not public_reads.decided(sender) or _login(update_fields):
        return  # a login, not a change of anything shown
    before = instance.__dict__.pop(_BEFORE, None)
    old_keys = instance.__dict__.pop(_OLD_KEYS, ())
    change = public_reads.change_of_save(sender, instance, created, before, old_keys)
    model = public_reads.concrete(sender)
    if model in public_reads.ITEMS:
        public_reads.remember(instance)
    shared = change == public_reads.EVERYTHING and not created and public_reads.is_shared(model)
    move(change, ("shown", model, instance.pk) if shared else None)


@receiver(post_delete, dispatch_uid="freshness-delete")
def _deleted(sender, instance, **kwargs):
    if not _held.get() and public_reads.decided(sender):
        # A deleted article takes its own projections with it (they cascade).
        gone = public_reads.concrete(sender) is Article
        move(public_reads.change_of_delete(sender, instance), ("ids", set()) if gone else None)


@receiver(m2m_changed, dispatch_uid="freshness-m2m")
def _related(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action.startswith("post_") and not _held.get() and public_reads.decided(sender):
        change = public_reads.change_of_relation(sender, instance, action, reverse, model, pk_set)
        outdated = None
        if change == public_reads.EVERYTHING and action != "post_clear":
            # A topic, unit or speaker given to or taken from articles, from its side.
            if reverse and model is Article:
                outdated = ("ids", set(pk_set or ()))
        elif change == public_reads.EVERYTHING and isinstance(instance, Article):
            outdated = ("ids", {instance.pk})
        move(change, outdated)
