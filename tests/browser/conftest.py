"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Never downloads a browser: Chromium is launched by its path (`CHROMIUM`, default
/usr/bin/chromium; `apt-get install chromium`). Each test gets a fresh context; `shot()`
saves a screenshot per step under artifacts/browser/ (git-ignored). Run with
`make test-e2e`; `make test` leaves this folder out.
"""

import importlib
import io
import os
import re
import threading
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make there (fixtures, assertions on rows) are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.contrib.auth.models import Group, Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
    settle()


def settle(limit=5.0):
    """Wait for the live server's requests still running after the browser closed.

    The admin's forms send autosaves and checks by themselves a moment after typing; one
    still being answered when the test's database is flushed would lock SQLite's table.
    """
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.05)


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
    settle()


@pytest.fixture
def shot(request):
    """shot(page, "step name"): a screenshot for people reading the run afterwards."""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.nodeid)
    counter = iter(range(1, 1000))

    def take(tab, name):
        folder.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^\w.-]+", "_", name)
        path = folder / f"{next(counter):02d}-{slug}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return take


def log_in(tab, live_server, username, password):
    """Log in through the real admin login form."""
    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", password)
    tab.click("input[type=submit], button[type=submit]")
    tab.wait_for_load_state()


def _role_groups():
    """The editorial groups as migration 0003 makes them.

    Live-server tests flush the database after each test, which empties tables that
    data migrations filled; the permissions come back (post_migrate), the groups do not.
    """
    roles = importlib.import_module("articles.migrations.0003_role_groups")
    wanted = {**roles.GROUPS}
    for name, codes in wanted.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
    publisher, _ = Group.objects.get_or_create(name="Redaktur Pelaksana")
    publisher.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=roles.PUBLISHER_APPS)
    )
    for code in roles.PUBLISHER_EXTRA:
        app_label, codename = code.split(".")
        publisher.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    """The demo newsroom (units, staff, events, stories), as `make run` shows it."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    _role_groups()
    call_command("load_demo", stdout=io.StringIO())


DEMO_PASSWORD = "demo-newsroom"


@pytest.fixture
def staff(browser, live_server):
    """staff("penulis"): a logged-in 1280 px tab of its own for each colleague."""
    contexts = []

    def open_as(username, password=DEMO_PASSWORD):
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="id-ID", timezone_id="Asia/Jakarta"
        )
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        log_in(tab, live_server, username, password)
        return tab

    yield open_as
    for context in contexts:
        context.close()
    settle()
