"""Under the enforced Content-Security-Policy, Chromium reports no violation: on every
kind of public page, on the admin login, and in the article editor with CKEditor."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import log_in
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


def test_the_article_editor_works_under_the_admin_policy(page, live_server, shot):
    get_user_model().objects.create_superuser("kepala", "k@example.org", "kata-sandi-panjang-1")
    seen = watch(page)
    log_in(page, live_server, "kepala", "kata-sandi-panjang-1")
    page.goto(live_server.url + "/admin/articles/article/add/")
    # CKEditor built its editing frame and toolbar: its scripts and styles were allowed.
    page.wait_for_selector(".cke_wysiwyg_frame", timeout=20_000)
    frame = page.frame_locator(".cke_wysiwyg_frame")
    frame.locator("body").click()
    page.keyboard.type("Isi berita diketik di CKEditor.")
    page.wait_for_selector(".cke_button__bold:not(.cke_button_disabled)")
    page.click(".cke_button__bold")
    page.click(".cke_button__image")
    page.wait_for_selector(".cke_dialog", timeout=10_000)
    shot(page, "editor with image dialog")
    page.keyboard.press("Escape")
    assert "Isi berita diketik" in frame.locator("body").inner_text()
    assert not seen, seen
