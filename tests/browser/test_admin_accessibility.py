"""axe-core on the admin staff use all day: no critical or serious violation on the home
page (the desk), the calendar, every changelist, and every add and change form, for the
superuser (who sees every page) and for a writer (whose forms are partly read-only);
the body editor is checked once built, and with its picture chooser open."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tests.browser.axe import violations
from tests.browser.conftest import DEMO_PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _admin_pages():
    """The index, the calendar, and each model's changelist, add form and a change form."""
    pages = [reverse("admin:index"), reverse("admin:articles_article_calendar")]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        try:
            pages += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
        except NoReverseMatch:
            continue
        item = model._default_manager.order_by("pk").first()
        if item is not None:
            pages.append(reverse(f"{name}_change", args=[item.pk]))
    return pages


@pytest.mark.parametrize("username", ["admin", "penulis"])
def test_admin_pages_have_no_serious_accessibility_violation(
    page, live_server, demo, shot, username
):
    log_in(page, live_server, username, DEMO_PASSWORD)
    found, checked = {}, 0
    for url in _admin_pages():
        response = page.goto(live_server.url + url)
        if response.status != 200:
            continue  # not this user's page (403/404); the superuser's run covers it
        page.wait_for_load_state("load")
        if page.locator("textarea[data-body-editor]").count():
            page.wait_for_selector(".prose-menubar button")  # axe inside the editor too
        checked += 1
        if problems := violations(page):
            found[url] = problems
            shot(page, f"violation {url}")
    assert checked >= 10
    assert found == {}


def test_the_body_editor_and_its_picture_chooser_have_no_serious_violation(
    page, live_server, demo, shot
):
    log_in(page, live_server, "penulis", DEMO_PASSWORD)
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    page.wait_for_selector(".prose-menubar button")
    assert violations(page) == []
    page.get_by_role("button", name="Gambar").click()
    page.wait_for_selector("dialog.body-pictures[open] .body-pictures__pick")
    shot(page, "picture chooser")
    assert violations(page) == []
