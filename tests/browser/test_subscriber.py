"""A reader subscribes on a phone, confirms from the mail the SMTP server received, gets
the alert when an article is published, changes their choices and leaves in one click."""

import re
import time

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles import workflow
from articles.models import Section, Status
from outreach.models import Subscriber
from tests import factories as f
from tests.outreach.conftest import smtp  # noqa: F401  (the real SMTP server fixture)
from tests.outreach.subscribers.conftest import links_in
from units.roles import ROLES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def roles(transactional_db):
    """An earlier live-server test's flush took the role groups (a data migration) with it;
    the publisher below needs theirs."""
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def mails_to(server, address, count, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in server.messages if m["To"] == address]
        if len(found) >= count:
            return found
        time.sleep(0.2)
    raise AssertionError(f"{address} received {len(found)} mails, expected {count}")


def test_subscribe_confirm_alert_manage_and_leave(phone, live_server, smtp, roles, team, shot):  # noqa: F811
    address = "guru@example.test"
    f.article(title="Berita lama", slug="berita-lama", section=Section.BERITA)
    phone.goto(live_server.url + "/rubrik/berita/")
    phone.get_by_role("link", name="Berlangganan lewat e-mail").click()
    expect(phone.get_by_label("Rubrik Berita")).to_be_checked()
    phone.get_by_role("textbox", name="Alamat e-mail").fill(address)
    phone.locator("#id_consent").check()
    shot(phone, "form")
    phone.get_by_role("button", name="Berlangganan").click()
    expect(phone.locator("h1")).to_have_text("Periksa e-mail Anda")

    [confirmation] = mails_to(smtp, address, 1)
    phone.goto(live_server.url + links_in(confirmation)["konfirmasi"])
    assert not Subscriber.objects.get().confirmed  # opening the link changed nothing
    phone.get_by_role("button", name="Ya, saya ingin berlangganan").click()
    expect(phone.locator("h1")).to_have_text("Langganan aktif")
    shot(phone, "confirmed")

    item = f.article(
        status=Status.APPROVED, owner=team["unit"], created_by=team["writer"],
        title="Kelas daring media sosial", slug="kelas-daring", section=Section.BERITA,
    )  # fmt: skip
    item.approved_version = item.version
    item.save()
    workflow.publish(item, team["publisher"])
    alert = mails_to(smtp, address, 2)[1]
    assert alert["Subject"] == "Kelas daring media sosial"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    paths = links_in(alert)
    phone.goto(live_server.url + paths["kelola"])
    phone.get_by_label("harian, pukul 07.00 WIB").check()
    phone.get_by_role("button", name="Simpan perubahan").click()
    expect(phone.locator("h1")).to_have_text("Perubahan disimpan")
    assert Subscriber.objects.get().frequency == "daily"
    shot(phone, "managed")

    # What a mail client does for RFC 8058: a bare POST, no cookie, no CSRF token.
    one_click = re.search(r"<(http[^>]+)>", alert["List-Unsubscribe"]).group(1)
    one_click = live_server.url + "/" + one_click.split("/", 3)[3]
    answer = phone.context.request.post(
        one_click, form={"List-Unsubscribe": "One-Click"}, headers={"Cookie": ""}
    )
    assert answer.status == 200
    assert not Subscriber.objects.get().subscriptions.exists()
