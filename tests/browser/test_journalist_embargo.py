# ruff: noqa: F811 - the smtp and press fixtures are imported by name, then requested
"""The journalist's path on a phone: the release mail the SMTP server received, its personal
link, the embargoed page with its banner and press kit, a picture downloaded at full
resolution, and after the lift the same link leading to the public page."""

import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from articles.workflow import events
from outreach.models import LinkView, ReleaseMode
from outreach.press import distribution
from tests import factories as f
from tests.outreach.conftest import smtp  # noqa: F401  (the real SMTP server fixture)
from tests.outreach.press.conftest import approved_article, lift, press  # noqa: F401
from units.roles import ROLES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def roles(transactional_db):
    """An earlier live-server test's flush took the role groups (a data migration) with it."""
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def mail_to(server, address, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in server.messages if m["To"] == address]
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no mail reached {address}")


def test_mail_personal_link_embargoed_page_then_the_public_page(
    phone,
    live_server,
    smtp,
    roles,
    team,
    press,
    shot,
    django_capture_on_commit_callbacks,
):
    picture = f.image(caption="Peserta kelas daring", credit="Humas/Rani")
    item = approved_article(team, featured_image=picture)
    at = timezone.localtime(timezone.now() + timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    with django_capture_on_commit_callbacks(execute=True):
        distribution.distribute(
            item, team["publisher"], lists=[press["list"]], mode=ReleaseMode.EMBARGO,
            embargo_until=at, contact=("Rani Astuti", "rani@kemdikbud.test", "0812 1111"),
        )  # fmt: skip

    mail = mail_to(smtp, "sari@harian.test")
    text = mail.get_payload()[0].get_payload(decode=True).decode()
    assert "EMBARGO: tidak untuk disiarkan sebelum" in text
    path = re.search(r"https?://[^/\s]+(/pers/\S+/)", text).group(1)

    phone.goto(live_server.url + path)
    banner = phone.locator(".embargo-banner")
    expect(banner).to_contain_text("EMBARGO: tidak untuk disiarkan sebelum")
    expect(banner).to_contain_text("Tautan pribadi untuk Sari")
    expect(phone.locator("h1")).to_have_text(item.title)
    kit = phone.locator(".press-kit")
    expect(kit).to_contain_text("Peserta kelas daring")
    expect(kit).to_contain_text("Rani Astuti")
    expect(phone.locator("section.share")).to_have_count(0)  # nothing to share yet
    shot(phone, "embargoed page")
    # The picture at full resolution, as a download.
    with phone.expect_download() as download:
        kit.get_by_role("link", name="Peserta kelas daring").click()
    saved = Path(download.value.path()).read_bytes()
    with picture.file.storage.open(picture.file.name, "rb") as original:
        assert saved == original.read()
    # The public meanwhile finds nothing at the article's address.
    assert phone.goto(live_server.url + item.get_absolute_url()).status == 404

    lift(item)
    with django_capture_on_commit_callbacks(execute=True):
        events.dispatch_due()
    phone.goto(live_server.url + path)
    # The public address (tagged as a press visit for the reach counts, issue 26).
    public = live_server.url + item.get_absolute_url()
    expect(phone).to_have_url(re.compile(re.escape(public) + r"(\?.*)?$"))
    expect(phone.locator(".embargo-banner")).to_have_count(0)
    expect(phone.locator("h1")).to_have_text(item.title)
    expect(phone.locator(".press-kit")).to_contain_text("Peserta kelas daring")
    expect(phone.locator("section.share")).to_have_count(1)
    shot(phone, "public page after the lift")
    assert list(LinkView.objects.order_by("at").values_list("embargoed", flat=True)) == [
        True,
        False,
    ]
