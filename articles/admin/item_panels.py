"""Panels other apps add to an article's or event's change page.

The articles app must not import what is built on it (outreach: reach counts, the share
kit), yet their numbers belong beside the item. So the change page asks this registry:
an app registers a callable `panel(request, obj)` in its `ready()` and it returns the
panel's HTML (a safe string), or "" when it has nothing for this user or item. The page
draws them in the order they were registered, after the form. Each is drawn only when
the page is (the template calls it), never for a POST that redirects.
"""

from functools import partial

PANELS = []


def register(panel):
    if panel not in PANELS:
        PANELS.append(panel)
    return panel


def panels_for(request, obj):
    """Callables the change page's template calls (and prints) where it draws them."""
    return [partial(panel, request, obj) for panel in PANELS]
