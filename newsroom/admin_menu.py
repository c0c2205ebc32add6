"""`{% nav_sidebar %}`: the admin's side menu, rendered once per menu rather than per page.

Django renders `admin/nav_sidebar.html` on every admin page: a table row, a link and a
translation or two for each model the user may open, the same for every page a user sees
save for which entry is the current one. Here the rendered menu is kept in the worker,
keyed by everything that template reads: the language, and each app's and model's name,
addresses and view-only flag as `available_apps` gives them for this request (built from
this user's permissions on every request, so a changed permission shows at once), with
whether the page's address falls under each. A menu template that read anything else
would have to add it to the key.
"""

from urllib.parse import quote

from django import template
from django.utils.translation import get_language

register = template.Library()

# Menus differ by permissions, language and current entry: a few hundred at most. Past
# this, the kept menus are dropped and kept again as pages are asked for.
KEPT_MENUS = 512
_kept = {}


@register.simple_tag(takes_context=True)
def nav_sidebar(context):
    key = _key(context.get("available_apps") or (), context["request"].path)
    menu = _kept.get(key)
    if menu is None:
        menu = context.template.engine.get_template("admin/nav_sidebar.html").render(context)
        if len(_kept) >= KEPT_MENUS:
            _kept.clear()
        _kept[key] = menu
    return menu


def _key(apps, path):
    # The template's `url in request.path|urlencode` (quote with "/" safe).
    quoted = quote(path)
    return (
        get_language(),
        tuple(
            (
                app["app_label"],
                str(app["name"]),
                app["app_url"],
                app["app_url"] in quoted,
                tuple(
                    (
                        model["object_name"],
                        str(model["name"]),
                        model["admin_url"],
                        model["add_url"],
                        model.get("view_only"),
                        model["admin_url"] is not None and model["admin_url"] in quoted,
                    )
                    for model in app["models"]
                ),
            )
            for app in apps
        ),
    )
