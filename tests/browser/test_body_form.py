"""After the body migration (`migrate_bodies`), opening an article in the real editor and
saving it changes nothing: each migrated demo body, as the editor writes it back and
sanitised as a save would, is the migrated body itself."""

import pytest

from articles.models import Article
from articles.models.editor_schema import editor_form
from articles.models.sanitize import sanitize_html
from tests.browser.conftest import DEMO_PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True)

CAPTURE = (
    "document.addEventListener('body-editor:ready', e => "
    "{ window.editorHTML = e.detail.editor.getHTML(); });"
)


def test_the_editor_writes_each_demo_body_as_the_migration_does(page, live_server, demo):
    page.add_init_script(CAPTURE)
    log_in(page, live_server, "admin", DEMO_PASSWORD)
    for article in Article.objects.all():
        Article.objects.filter(pk=article.pk).update(body=editor_form(article.body))
    articles = list(Article.objects.order_by("pk"))
    differ, opened = {}, []
    for article in articles:
        page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
        if not page.locator("textarea[data-body-editor]").count():
            continue  # not editable in this state (e.g. waiting for approval)
        page.wait_for_selector(".prose-menubar button")
        opened.append(article.body)
        written = sanitize_html(page.evaluate("() => window.editorHTML"))
        if written != article.body:
            differ[article.pk] = (written, article.body)
    assert any("<table" in body for body in opened) and any("<li" in body for body in opened)
    assert differ == {}
