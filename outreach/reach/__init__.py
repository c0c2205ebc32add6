"""Reach: how many people a unit's news reaches and from where, with no cookie.

A first-party beacon (`static/reach/beacon.js`) reports a view after the page loaded, so
pages answered from the page cache or nginx's micro-cache count too. `beacon` answers it
before the rest of Django's middleware and adds to counters in the cache (`store`); the
clock's `flush` moves them into daily rows every minute. No cookie, no raw view, no client
address or browser string is kept: a unique visitor is a hash under a salt that lives one
day (`visitors`).
"""
