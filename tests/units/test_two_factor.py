"""The second factor through the real login view and the admin's enrolment page."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories as f
from units.roles import EDITOR, WRITER

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ENROL = "/admin/dua-langkah/"


def code_for(device, drift=0):
    """The app's current code; drift=1 is the next one (a used code is never taken twice)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{value:06d}"


def log_in(client, username, token=""):
    return client.post(
        LOGIN,
        {
            "username": username,
            "password": "rahasia-uji-123",
            "otp_token": token,
            "next": "/admin/",
        },
    )


@pytest.fixture
def required(settings):
    settings.NEWSROOM_REQUIRE_2FA = True


def enrol(client):
    page = client.get(ENROL)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(confirmed=False)
    done = client.post(ENROL, {"token": code_for(device), "next": "/admin/"})
    assert done.status_code == 200
    return device, re.findall(r"<code>([a-z0-9]+)</code>", done.content.decode())


def test_an_editor_must_enrol_before_any_staff_page(client, required):
    f.user("agus", groups=[EDITOR])
    assert log_in(client, "agus").status_code == 302
    index = client.get("/admin/")
    assert index.status_code == 302
    assert index["Location"].startswith(ENROL)
    assert client.get("/admin/articles/article/").status_code == 302

    device, codes = enrol(client)
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_after_enrolment_the_password_alone_is_not_enough(client, required):
    person = f.user("agus", groups=[EDITOR])
    client.force_login(person)
    device, codes = enrol(client)
    client.logout()

    refused = log_in(client, "agus")
    assert refused.status_code == 200
    assert "kata sandi atau kode verifikasi salah" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # The app's next code opens the admin (the one used for enrolment is spent).
    assert log_in(client, "agus", code_for(device, drift=1)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, required):
    person = f.user("agus", groups=[EDITOR])
    client.force_login(person)
    _device, codes = enrol(client)
    client.logout()

    assert log_in(client, "agus", codes[0]).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    assert log_in(client, "agus", codes[0]).status_code == 200


def test_wrong_codes_count_towards_the_lockout(client, required, settings):
    person = f.user("agus", groups=[EDITOR])
    client.force_login(person)
    device, _codes = enrol(client)
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "agus", "12345")
    assert log_in(client, "agus", code_for(device, drift=1)).status_code == 429


def test_writers_may_go_without_but_can_enrol(client, required):
    f.user("rani", groups=[WRITER])
    assert log_in(client, "rani").status_code == 302
    index = client.get("/admin/")
    assert index.status_code == 200
    assert f'href="{ENROL}"' in index.content.decode()  # offered in the user links
    enrol(client)
    client.logout()
    assert log_in(client, "rani").status_code == 200


def test_outside_production_the_second_factor_is_optional(client, settings):
    settings.NEWSROOM_REQUIRE_2FA = False
    f.user("agus", groups=[EDITOR])
    log_in(client, "agus")
    assert client.get("/admin/").status_code == 200


def test_a_superuser_removes_a_lost_device(client, required):
    person = f.user("agus", groups=[EDITOR])
    client.force_login(person)
    device, _codes = enrol(client)
    client.logout()

    boss = f.user("kepala", is_superuser=True)
    client.force_login(boss)
    enrol(client)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    StaticDevice.objects.filter(user=person).delete()  # recovery codes go the same way
    client.logout()

    # The editor logs in with the password and is sent to set up the new phone.
    assert log_in(client, "agus").status_code == 302
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_the_enrolment_page_keeps_a_foreign_next_out(client):
    person = f.user("rani", groups=[WRITER])
    client.force_login(person)
    page = client.get(ENROL + "?next=https://jahat.example/")
    assert "jahat.example" not in page.content.decode()
