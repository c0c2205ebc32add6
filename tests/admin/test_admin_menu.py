"""The admin's side menu is kept rendered per menu (`newsroom/admin_menu.py`): every page
still shows exactly the menu Django's template renders for that user, language and page."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

SIDEBAR = re.compile(r'<button class="sticky toggle-nav-sidebar".*?</nav>', re.S)


def menu(response):
    assert response.status_code == 200
    return SIDEBAR.search(response.content.decode()).group(0)


def djangos_menu(response, language="id"):
    """What `{% include "admin/nav_sidebar.html" %}` renders for the page just shown."""
    context = {
        "available_apps": response.context["available_apps"],
        "request": response.wsgi_request,
    }
    with translation.override(language):
        return render_to_string("admin/nav_sidebar.html", context).strip()


def test_each_page_marks_its_own_entry_in_a_kept_menu(client, team):
    client.force_login(team["editor"])
    pages = [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_event_changelist"),
        reverse("admin:articles_article_changelist"),  # the kept menu, marked again
        reverse("admin:articles_article_add"),
    ]
    for url in pages:
        response = client.get(url)
        shown = menu(response)
        assert shown == djangos_menu(response)
        current = re.findall(r'<tr class="model-(\w+) current-model">', shown)
        assert current == ["event" if "event" in url else "article"]


def test_people_with_other_permissions_get_their_own_menu(client, team, admin_user):
    url = reverse("admin:articles_article_changelist")
    client.force_login(team["writer"])
    writers = menu(client.get(url))
    client.force_login(admin_user)
    response = client.get(url)
    admins = menu(response)

    assert admins == djangos_menu(response) and admins != writers
    assert "model-user" in admins and "model-user" not in writers


def test_the_menu_follows_the_chosen_language(client, team):
    client.force_login(team["editor"])
    url = reverse("admin:articles_article_changelist")
    indonesian = menu(client.get(url))
    client.cookies["django_language"] = "en"
    response = client.get(url)
    english = menu(response)

    assert english == djangos_menu(response, "en") and english != indonesian
    assert "Start typing to filter" in english


@pytest.mark.parametrize("label", [None, "articles", "otp_totp"])
def test_the_menu_holds_what_djangos_app_list_holds(rf, team, admin_user, label):
    """Our `_build_app_dict` (addresses reversed once) lists what Django's does: the same
    apps, models, permissions and addresses, names as the menu shows them."""
    from django.contrib.admin import AdminSite, site

    from newsroom.admin import MENU_NAMES

    for user in (team["writer"], team["editor"], admin_user):
        request = rf.get("/admin/")
        request.user = user
        ours = site._build_app_dict(request, label)
        djangos = AdminSite._build_app_dict(site, request, label)
        for app_label, app in djangos.items():
            app_names, model_names = MENU_NAMES.get(app_label, (app["name"], {}))
            app["name"] = str(app_names)
            for model in app["models"]:
                model["name"] = str(model_names.get(model["object_name"], model["name"]))
        assert ours == djangos
        assert ours or user != admin_user
