"""The admin's search over a long list, bounded whatever is typed into the box.

Django's admin search is a substring test on every searched column. On PostgreSQL a
trigram index answers it (migration 0013), but only for a word with a run of three
letters or digits: "qz" or "%%" would read every body of the archive, so such
words are left out of the search with a message saying so, as are words past the eighth
(each word is another scan of every searched column). A word found in most of the
archive matches nearly every row; counting them all reads every body too, for a number
nobody pages through: the list shows the newest matches first and,
past a limit, says so instead of counting on.
"""

import re

from django.contrib import messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.paginator import Paginator
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.text import smart_split
from django.utils.translation import gettext as _

# Twenty pages of fifty: past this, a narrower search finds an item sooner than paging.
COUNT_LIMIT = 1000


class SearchPaginator(Paginator):
    """Pages of the matches, counting no further than `COUNT_LIMIT` (`capped` says so)."""

    limit = COUNT_LIMIT
    capped = False

    @cached_property
    def count(self):
        found = self.object_list[: self.limit + 1].count()
        self.capped = found > self.limit
        return min(found, self.limit)


# What a trigram index can look up: three letters or digits in a row.
_INDEXABLE = re.compile(r"[^\W_]{3,}")
# Each word is one more substring test of every searched column, so the words a request
# line holds would hold PostgreSQL for seconds. A search names a thing in a few words.
MAX_WORDS = 8


def searched(request):
    return bool(request.GET.get(SEARCH_VAR, "").strip())


def indexable_words(request, search_term):
    """The words of a list's search the index can answer, as Django splits and quotes them.

    Shorter words are dropped with a message (and a search of only such words finds
    nothing). Autocomplete boxes, which search a few letters at a time over short lists,
    keep Django's own search.
    """
    match = request.resolver_match
    if not (match and match.url_name and match.url_name.endswith("_changelist")):
        return search_term
    words = list(smart_split(search_term))
    kept = [word for word in words if _INDEXABLE.search(word)]
    if len(kept) < len(words):
        messages.warning(
            request,
            _("Kata yang lebih pendek dari tiga huruf atau angka tidak dicari: %(words)s")
            % {"words": ", ".join(word for word in words if word not in kept)},
        )
    if len(kept) > MAX_WORDS:
        messages.warning(
            request,
            _("Hanya %(count)s kata pertama yang dicari.") % {"count": MAX_WORDS},
        )
        kept = kept[:MAX_WORDS]
    return " ".join(kept)


def tell_if_capped(request, paginator):
    """An admin message when the list holds only the newest `limit` matches."""
    if getattr(paginator, "capped", False):
        messages.info(
            request,
            _(
                "Lebih dari %(limit)s hasil: daftar memuat %(limit)s yang terbaru. "
                "Tambahkan kata atau saring untuk mempersempit pencarian."
            )
            % {"limit": number_format(paginator.limit, force_grouping=True)},
        )
