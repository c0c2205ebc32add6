"""Under the enforced Content-Security-Policy, Chromium reports no violation: on every
kind of public page, on every admin page, and in the body editor while it is used. No
admin page's policy allows inline script."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import DEMO_PASSWORD, log_in
from tests.browser.test_admin_accessibility import _admin_pages
from tests.portal.test_html_validity import _pages, _site

pytestmark = pytest.mark.django_db(transaction=True)


def watch(tab):
    """Collects CSP violations: the DOM event and the console's report of each."""
    seen = []
    tab.on(
        "console",
        lambda message: (
            seen.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    tab.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def test_every_public_page_type_runs_under_the_policy(page, live_server, shot):
    story = _site()
    admin = get_user_model().objects.get(username="admin")
    seen = watch(page)
    public = [row for row in _pages(story, admin) if not row[3]]
    for name, url, _status, _staff in public:
        response = page.goto(live_server.url + url)
        assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
        page.wait_for_load_state("load")
        if name in ("home", "article", "event-online"):
            shot(page, name)
    assert not seen, seen


def test_every_admin_page_runs_without_inline_script(page, live_server, demo, shot):
    seen = watch(page)
    log_in(page, live_server, "admin", DEMO_PASSWORD)
    checked = 0
    for url in _admin_pages():
        response = page.goto(live_server.url + url)
        if response.status != 200:
            continue
        policy = response.headers["content-security-policy"]
        script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src, url
        page.wait_for_load_state("load")
        if page.locator("textarea[data-body-editor]").count():
            page.wait_for_selector(".prose-editor .tiptap[contenteditable]")
        checked += 1
    assert checked >= 20
    assert not seen, seen


def test_the_body_editor_works_under_the_admin_policy(page, live_server, demo, shot):
    seen = watch(page)
    log_in(page, live_server, "admin", DEMO_PASSWORD)
    page.goto(live_server.url + "/admin/articles/article/add/")
    text = page.locator(".prose-editor .tiptap[contenteditable]")
    text.click()
    page.keyboard.type("Isi berita diketik di editor.")
    page.keyboard.press("Control+a")
    page.click(".prose-menubar button[title=Tebal]")
    text.press("Control+End")
    text.press("Enter")
    page.click(".prose-menubar button[title=Gambar]")
    page.wait_for_selector("dialog.body-pictures[open] .body-pictures__pick")
    shot(page, "editor with the picture chooser")
    page.locator(".body-pictures__pick").first.click()
    body = page.locator("textarea[name=body]").input_value()
    assert "<strong>Isi berita diketik di editor.</strong>" in body
    assert '<img src="/media/' in body
    assert not seen, seen
