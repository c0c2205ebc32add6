"""Addresses of pages named by a slug, reversed once per language instead of per link.

A page of cards asks for three links a card; Django's `reverse()` walks the URL patterns,
runs the converters and matches the result against the pattern every time, about a tenth
of what an uncached list page cost. The address of a slug page differs only by its slug
and by what the request sets around it (language prefix, script prefix, URLconf), so it is
reversed once for each of those with a marker in the slug's place, and the marker is
replaced afterwards. A value the slug converter would not take goes to `reverse()`, which
refuses it as it always did.
"""

import re
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What Django's `slug` converter accepts; anything else is reversed (and refused) normally.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
_MARKER = "newsroom-slug-marker"


def slug_path(viewname, slug, kwarg="slug"):
    """`reverse(viewname, kwargs={kwarg: slug})`, without matching the patterns again."""
    if not isinstance(slug, str) or not _SLUG.match(slug):
        return reverse(viewname, kwargs={kwarg: slug})
    before, after = _around(viewname, kwarg, get_language(), get_script_prefix(), get_urlconf())
    return before + slug + after


@lru_cache(maxsize=256)
def _around(viewname, kwarg, _language, _script_prefix, urlconf):
    """The address's text before and after the slug, for one language and prefix."""
    before, _marker, after = reverse(viewname, kwargs={kwarg: _MARKER}, urlconf=urlconf).partition(
        _MARKER
    )
    return before, after


@receiver(setting_changed)
def _forget(setting, **kwargs):
    """A test that swaps the URLconf or the languages gets addresses of its own."""
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        _around.cache_clear()
