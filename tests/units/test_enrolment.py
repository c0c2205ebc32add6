"""Second-factor enrolment no one can share (issue 30).

Two sessions holding one password used to be shown the same pending secret: after the
owner confirmed a code, the other could log in with the password and the app's code,
and no extra device was visible anywhere.
"""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories as f
from tests.units.test_two_factor import ENROL, code_for, log_in
from units.roles import EDITOR, WRITER

pytestmark = pytest.mark.django_db


def secret_on(page):
    return re.search(r"<code>([A-Z2-7]{16,})</code>", page.content.decode()).group(1)


def session_of(person):
    client = Client()
    client.force_login(person)
    return client


def device_shown_to(client):
    """The device behind the secret this session was shown."""
    secret = secret_on(client.get(ENROL))
    return next(d for d in TOTPDevice.objects.filter(confirmed=False) if d.config_url.count(secret))


@pytest.fixture
def editor(settings):
    settings.NEWSROOM_REQUIRE_2FA = True
    return f.user("agus", groups=[EDITOR])


def test_two_sessions_of_one_password_are_shown_different_secrets(editor):
    owner, intruder = session_of(editor), session_of(editor)
    assert secret_on(owner.get(ENROL)) != secret_on(intruder.get(ENROL))
    # Opening the page again in one session keeps the QR code already scanned there.
    assert secret_on(owner.get(ENROL)) == secret_on(owner.get(ENROL))


def test_a_secret_is_confirmed_only_in_the_session_that_opened_it(editor):
    owner, intruder = session_of(editor), session_of(editor)
    owners_device = device_shown_to(owner)
    device_shown_to(intruder)

    refused = intruder.post(ENROL, {"token": code_for(owners_device)})

    assert "Kode tidak cocok" in refused.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert owner.post(ENROL, {"token": code_for(owners_device)}).status_code == 200
    assert list(TOTPDevice.objects.filter(confirmed=True)) == [owners_device]


def test_after_the_owner_confirms_the_other_session_cannot_enrol_or_log_in(client, editor):
    owner, intruder = session_of(editor), session_of(editor)
    owners_device = device_shown_to(owner)
    intruders_device = device_shown_to(intruder)
    owner.post(ENROL, {"token": code_for(owners_device)})

    late = intruder.post(ENROL, {"token": code_for(intruders_device)})

    assert "qr-code" not in late.content.decode()  # no new secret for a password-only session
    assert TOTPDevice.objects.filter(user=editor).count() == 1
    assert log_in(client, "agus", code_for(intruders_device, drift=1)).status_code == 200
    assert "_auth_user_id" not in client.session


def test_adding_a_device_when_one_exists_takes_the_current_second_factor(editor):
    owner = session_of(editor)
    first = device_shown_to(owner)
    owner.post(ENROL, {"token": code_for(first)})
    password_only = session_of(editor)  # e.g. signed in before the device existed

    refused = password_only.post(ENROL, {"action": "add"})
    assert "qr-code" not in refused.content.decode()
    assert "keluar lalu masuk lagi dengan kode" in refused.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=False).exists()

    page = owner.post(ENROL, {"action": "add"})  # this session proved the first device
    assert "qr-code" in page.content.decode()
    second = TOTPDevice.objects.get(confirmed=False)
    assert second.key != first.key
    done = owner.post(ENROL, {"action": "confirm", "token": code_for(second)})
    assert "Perangkat baru ditambahkan" in done.content.decode()
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).count() == 2


def test_the_owner_sees_every_device_of_the_account(editor):
    owner = session_of(editor)
    device = device_shown_to(owner)
    owner.post(ENROL, {"token": code_for(device)})
    TOTPDevice.objects.filter(pk=device.pk).update(name="Ponsel kantor")
    TOTPDevice.objects.create(user=editor, name="Ponsel orang lain", confirmed=True)

    page = owner.get(ENROL).content.decode()

    assert "Perangkat terdaftar" in page
    assert "Ponsel kantor" in page and "Ponsel orang lain" in page
    assert "Sisa 10 kode pemulihan." in page


def test_superusers_list_everyones_devices_and_colleagues_see_none(client, editor):
    TOTPDevice.objects.create(user=editor, name="Ponsel Agus", confirmed=True)
    boss = f.user("kepala", is_superuser=True)
    TOTPDevice.objects.create(user=boss, name="Ponsel kepala", confirmed=True)
    colleague = f.user("rani", groups=[WRITER])

    client.force_login(boss)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=boss).persistent_id
    session.save()
    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200
    assert "Ponsel Agus" in listing.content.decode()

    client.force_login(colleague)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 403
    assert "Ponsel Agus" not in client.get(ENROL).content.decode()


def test_an_attempt_left_too_long_starts_afresh(editor):
    owner = session_of(editor)
    device = device_shown_to(owner)
    TOTPDevice.objects.filter(pk=device.pk).update(created_at=timezone.now() - timedelta(hours=1))

    page = owner.post(ENROL, {"token": code_for(device)})

    assert "sudah tidak berlaku" in page.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert secret_on(page) and not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_attempts_of_many_sessions_are_bounded(editor):
    for _ in range(12):
        session_of(editor).get(ENROL)
    assert TOTPDevice.objects.filter(user=editor, confirmed=False).count() <= 5
