"""Issue 26, done means: a reader opens a link tagged for WhatsApp on a 390×844 phone, the
page answered from the page cache; the clock's flush runs; the unit's writer, on a phone
too, sees the visit on the unit's reach dashboard under WhatsApp."""

import time
import urllib.request
from datetime import timedelta
from importlib import import_module

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from outreach.models import DailyReach, ReachGoal
from outreach.reach import store
from outreach.reach.flush import flush
from tests import factories as f
from tests.browser.conftest import log_in, settle
from units.roles import WRITER

create_groups = import_module("articles.migrations.0003_role_groups").create_groups

pytestmark = pytest.mark.django_db(transaction=True)
# Headless Chromium names itself "HeadlessChrome", which the beacon rightly drops.
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)


@pytest.fixture(autouse=True)
def counting(settings, page_cache):
    """Counting on, in this process's memory (the live server is a thread of it)."""
    from django.apps import apps

    modules = {config: config.models_module for config in apps.get_app_configs()}
    try:
        create_groups(apps, None)
    finally:
        for config, module in modules.items():
            config.models_module = module
    settings.NEWSROOM_REACH = True
    store.MemoryStore.clear(store._memory)
    yield
    store.MemoryStore.clear(store._memory)


@pytest.fixture
def real_phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        user_agent=PHONE_UA,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
    settle()


def wait_for_counters(seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if store.current().buckets():
            return True
        time.sleep(0.1)
    return False


def test_a_tagged_link_on_a_phone_shows_on_the_units_dashboard(real_phone, live_server, shot):
    unit = f.unit(name="Direktorat SMK")
    f.user("rani", units=[unit], groups=[WRITER])
    article = f.article(owner=unit, title="Beasiswa vokasi dibuka")
    today = timezone.localdate()
    ReachGoal.objects.create(
        unit=unit, channel="whatsapp", measure="visitors", target=10,
        starts_on=today, ends_on=today + timedelta(days=29), why="Lulusan SMK di grup WA.",
    )  # fmt: skip
    path = article.get_absolute_url()
    # Someone opened the plain link first (no script ran: nothing counted).
    first = urllib.request.Request(live_server.url + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(first) as plain:  # noqa: S310 - the test's own server
        assert plain.headers["X-Cache"] == "MISS"

    tagged = f"{live_server.url}{path}?utm_source=whatsapp&utm_medium=social&utm_campaign=bv"
    answer = real_phone.goto(tagged)
    assert answer.headers.get("x-cache") == "HIT"  # the tag did not miss the page cache
    expect(real_phone.locator("h1")).to_have_text("Beasiswa vokasi dibuka")
    shot(real_phone, "reader opens the WhatsApp link")
    assert wait_for_counters(), "the beacon never arrived"

    flush(now=timezone.now() + timedelta(minutes=1))  # the clock's minute job
    assert list(DailyReach.objects.values_list("channel", "views", "visitors")) == [
        ("whatsapp", 1, 1)
    ]

    real_phone.context.clear_cookies()
    log_in(real_phone, live_server, "rani", "rahasia-uji-123")
    real_phone.goto(f"{live_server.url}/admin/outreach/dailyreach/")
    recent = real_phone.get_by_role("table", name="Dilihat per saluran, 30 menit terakhir")
    expect(recent.get_by_role("row", name="WhatsApp 1")).to_be_visible()
    expect(real_phone.get_by_text("Beasiswa vokasi dibuka").first).to_be_visible()
    # The goal: 1 of 10 visitors on day 1 of 30, above the straight line (which stands at 0).
    expect(real_phone.locator(".goal-reached")).to_have_text("1 (10%)")
    expect(real_phone.locator(".goal-state")).to_have_text("sesuai jalur")
    overflow = real_phone.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{overflow}px of sideways scrolling on the dashboard"
    shot(real_phone, "the writer sees the visit on the unit's dashboard")


@pytest.mark.parametrize("script", [True, False], ids=["with-js", "without-js"])
def test_the_share_kit_on_a_phone_copies_a_tagged_link(browser, live_server, shot, script):
    unit = f.unit(name="Direktorat SMK")
    f.user("rani", units=[unit], groups=[WRITER])
    article = f.article(owner=unit, title="Beasiswa vokasi dibuka untuk lulusan SMK " * 3)
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        user_agent=PHONE_UA,
        java_script_enabled=script,
    )
    if script:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    tab = context.new_page()
    try:
        log_in(tab, live_server, "rani", "rahasia-uji-123")
        tab.goto(f"{live_server.url}/admin/outreach/dailyreach/bagikan/article/{article.pk}/")
        expect(tab.get_by_text("Judul terpotong di WhatsApp")).to_be_visible()
        field = tab.locator("#link-whatsapp")
        wanted = f"utm_source=whatsapp&utm_medium=social&utm_campaign={article.slug}"
        assert wanted in field.input_value()
        overflow = tab.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{overflow}px of sideways scrolling on the share kit"
        button = tab.locator("button[data-copy='link-whatsapp']")
        if script:
            button.click()
            expect(button).to_have_text("Tersalin")
            assert tab.evaluate("() => navigator.clipboard.readText()") == field.input_value()
        else:
            expect(button).to_be_hidden()  # the text itself is there to select
        shot(tab, f"share kit {'with' if script else 'without'} script")
    finally:
        context.close()
        settle()
