"""What a list nothing narrows counted and found for its date bar, kept until content
changes.

An editor's first page of articles counts every article of their units (an index scan
that grows with the unit's archive) and asks for the first and last
date and which years hold one: the same answers on every visit until something is
written, and every content write, a draft's too, moves the staff token
(`models.freshness.staff_token`; public pages move only on what readers see). So the
answers are stored with the token they were found under and used while it is still the
current one: one cache round trip reads both.

The entry is keyed by the list's exact SQL and parameters, which hold the user's units:
people who see the same rows share it, nobody else can reach it. An admin whose rows
depend on the user's reach alone keys it by that reach instead (`list_memo_scope`). A
filtered or searched list is not kept (its SQL may hold the time of the request:
"scheduled" is a comparison with now). Where no token exists yet (nothing written since
the cache was emptied), the list mints one.
"""

import hashlib

from django.core.cache import cache

from ..models import freshness

# Long enough to outlive a working day of visits; a token moves long before, mostly.
TTL = 24 * 3600


class ListMemo:
    """The kept answers for one list: read once per request, written as found."""

    def __init__(self, queryset=None, *, scope=None):
        """For `queryset`'s list, or for a `scope` naming whose answers they are (a
        tuple that holds whatever decides them, such as the user's units)."""
        if queryset is not None:
            sql, params = queryset.order_by().query.sql_with_params()
            scope = (queryset.db, sql, params)
        digest = hashlib.sha256(repr(scope).encode()).hexdigest()
        self.key = f"admin-list:{digest}"
        found = cache.get_many([freshness.STAFF_KEY, self.key])
        token, entry = found.get(freshness.STAFF_KEY), found.get(self.key)
        self.token = token or freshness.staff_token()
        current = entry is not None and entry[0] == self.token
        self.answers = dict(entry[1]) if current else {}

    def get(self, name, find):
        """The kept answer to `name`, or `find()`'s, kept from now on."""
        if name in self.answers:
            return self.answers[name]
        answer = self.answers[name] = find()
        cache.set(self.key, (self.token, self.answers), TTL)
        return answer
