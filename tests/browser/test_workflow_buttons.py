"""The workflow buttons in a real browser: they belong to the change form (HTML `form` and
`formaction`), so what a writer typed goes with the press, the body editor and all."""

from importlib import import_module

import pytest

from articles.models import Article, Status
from tests import factories as f
from tests.browser.conftest import log_in
from units.roles import EDITOR, WRITER

create_groups = import_module("articles.migrations.0003_role_groups").create_groups

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def role_groups():
    """The roles come from a data migration, which a transactional test's flush empties."""
    from django.apps import apps

    modules = {config: config.models_module for config in apps.get_app_configs()}
    try:
        create_groups(apps, None)
    finally:
        for config, module in modules.items():
            config.models_module = module  # the migration helper clears them


def test_submitting_carries_what_the_writer_typed(page, live_server, shot):
    home = f.unit()
    f.user("rani", units=[home], groups=[WRITER])
    item = f.article(status=Status.DRAFT, owner=home, title="Judul lama")
    log_in(page, live_server, "rani", "rahasia-uji-123")
    page.goto(f"{live_server.url}/admin/articles/article/{item.pk}/change/")
    page.fill("#id_title", "Judul yang baru diketik")
    page.click("button[value=submit]")
    page.wait_for_load_state()
    shot(page, "submitted")
    item.refresh_from_db()
    assert (item.title, item.status) == ("Judul yang baru diketik", Status.IN_REVIEW)


def test_approving_over_unsaved_edits_keeps_them_on_the_page(page, live_server, shot):
    home = f.unit()
    f.user("agus", units=[home], groups=[EDITOR])
    item = f.article(status=Status.IN_REVIEW, owner=home, title="Judul diajukan")
    log_in(page, live_server, "agus", "rahasia-uji-123")
    page.goto(f"{live_server.url}/admin/articles/article/{item.pk}/change/")
    page.fill("#id_title", "Suntingan yang belum disimpan")
    page.click("button[value=approve]")
    page.wait_for_load_state()
    shot(page, "refused")
    assert page.input_value("#id_title") == "Suntingan yang belum disimpan"
    assert "belum disimpan" in page.content()
    assert Article.objects.get(pk=item.pk).status == Status.IN_REVIEW

    page.goto(f"{live_server.url}/admin/articles/article/{item.pk}/change/")
    page.click("button[value=approve]")  # unchanged, as the editor posts it
    page.wait_for_load_state()
    assert Article.objects.get(pk=item.pk).status == Status.APPROVED
