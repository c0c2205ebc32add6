"""robots.txt: crawlers may read every public page and are kept out of staff routes.

The staff routes are read from the URLconf rather than listed, so a preview route added
later is blocked too, and a public page never is.
"""

import re

from django.http import HttpResponse
from django.urls import URLResolver, get_resolver, reverse
from django.views.decorators.http import require_safe

from newsroom.http import base_url, cacheable


def _robots_pattern(route):
    """A URL route as a robots.txt rule: converters become *, trailing wildcards go.

    "pratinjau/<uuid:token>/" -> "/pratinjau/"; "berita/<slug>/pratinjau/" keeps its
    wildcard. A route with no literal part (it would block everything) gives None.
    """
    if route.startswith("^"):  # a regex route: keep its literal beginning only
        route = re.split(r"[(\[.$?*+\\]", route[1:], maxsplit=1)[0]
    pattern = "/" + re.sub(r"<[^>]+>", "*", route)
    pattern = re.sub(r"(/\*)+/?$", "/", pattern)
    return pattern if pattern.strip("/*") else None


def staff_only_paths():
    """The admin, and every staff route (previews, share links), read from the URLconf.

    Derived instead of listed so that a preview route added later is blocked too, and a
    public page never is: only the admin and the `editorial` namespace are considered.
    """
    paths = []
    for top in get_resolver().url_patterns:
        if not isinstance(top, URLResolver) or top.namespace not in ("admin", "editorial"):
            continue
        routes = (
            [str(top.pattern)]
            if top.namespace == "admin"
            else [str(top.pattern) + str(child.pattern) for child in top.url_patterns]
        )
        for route in routes:
            pattern = _robots_pattern(route)
            if pattern and pattern not in paths:
                paths.append(pattern)
    return paths


@require_safe
def robots(request):
    base = base_url(request)
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in staff_only_paths()]
    lines += [
        "",
        f"Sitemap: {base}{reverse('syndication:sitemap')}",
        f"Sitemap: {base}{reverse('syndication:news_sitemap')}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    return cacheable(response)
