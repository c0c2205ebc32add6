"""What was viewed: the short key a page puts on its beacon tag, and what it names.

`a123` an article, `e45` an event, `u7` a unit's page, `l:name` another list page (the
URL name of the home page, a section, the agenda, ...). Anything else is dropped at the
beacon; ids that name nothing public are dropped at the flush.
"""

import re

ARTICLE, EVENT, UNIT, LIST = "article", "event", "unit", "list"
KINDS = {"a": ARTICLE, "e": EVENT, "u": UNIT}
# The public list pages (URL names in articles/portal/urls.py) and the privacy page.
LIST_PAGES = frozenset(
    {
        "home",
        "section",
        "tag",
        "events",
        "speaker",
        "archive_index",
        "archive",
        "archive_month",
        "search",
        "privacy",
    }
)
_KEY = re.compile(r"(?:[aeu][1-9][0-9]{0,9}|l:[a-z_]{1,20})")


def valid(key):
    """Whether a beacon's item key has a known shape (says nothing of whether it exists)."""
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        return False
    return key[0] != "l" or key[2:] in LIST_PAGES


def parse(key):
    """(kind, object id, list name) of a valid key."""
    if key.startswith("l:"):
        return LIST, 0, key[2:]
    return KINDS[key[0]], int(key[1:]), ""
