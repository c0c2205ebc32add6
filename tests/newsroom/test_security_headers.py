"""Every page type carries the Content-Security-Policy and the other security headers,
and the public pages hold nothing the policy would have to allow inline."""

import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from tests.portal.test_html_validity import _pages, _site

pytestmark = pytest.mark.django_db


class InlineFinder(HTMLParser):
    """What a CSP without 'unsafe-inline' would block: inline scripts, handlers, styles."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}=…>")
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/ld+json":
            self.found.append("inline <script>")
        for name in ("href", "src", "action"):
            if (attrs.get(name) or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_common_headers(response):
    # Share-link previews keep their token out of Referer altogether.
    assert response["Referrer-Policy"] in ("strict-origin-when-cross-origin", "no-referrer")
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_every_public_page_type_has_a_strict_policy_and_nothing_inline(client):
    story = _site()
    admin = get_user_model().objects.get(username="admin")
    for name, url, status, staff_only in _pages(story, admin):
        if staff_only:
            client.force_login(admin)
        response = client.get(url)
        assert response.status_code == status, name
        policy = directives(response["Content-Security-Policy"])
        assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"], name
        assert policy["default-src"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert_common_headers(response)
        finder = InlineFinder()
        finder.feed(response.content.decode())
        assert not finder.found, (name, finder.found[:5])


@pytest.mark.parametrize(
    "url",
    ["/feed/rss/", "/feed/atom/", "/feed.json", "/agenda.ics", "/sitemap.xml", "/robots.txt"],
)
def test_machine_read_responses_carry_the_headers_too(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
    assert_common_headers(response)


def test_no_admin_page_allows_inline_scripts_not_even_the_editor(client):
    admin = get_user_model().objects.create_superuser("kepala", "k@example.test", "x" * 16)
    client.force_login(admin)
    editor = client.get("/admin/articles/article/add/")
    assert editor.status_code == 200
    assert b"data-body-editor" in editor.content
    policy = directives(editor["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["script-src"] == ["'self'"]
    for name in ("connect-src", "form-action", "default-src"):
        assert policy[name] == ["'self'"], name
    assert_common_headers(editor)

    listing = directives(client.get("/admin/articles/article/")["Content-Security-Policy"])
    assert listing["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in listing["style-src"]


def test_the_login_page_has_the_admin_policy(client):
    response = client.get("/admin/login/")
    assert "Content-Security-Policy" in response
    assert "'unsafe-inline'" not in directives(response["Content-Security-Policy"])["script-src"]


def test_every_cookie_is_secure_in_production():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    env.update(
        NEWSROOM_ENV="production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="berita.example.go.id",
        DATABASE_URL="postgres://newsroom@127.0.0.1:5432/newsroom",
        SITE_URL="https://berita.example.go.id",
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, "
        "s.NEWSROOM_REQUIRE_2FA)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Production logs are JSON lines on stdout too (django-axes announces itself): the
    # answer is the last line.
    answer = result.stdout.strip().splitlines()[-1].split()
    assert answer == ["True", "True", "True", "True"], result.stderr
