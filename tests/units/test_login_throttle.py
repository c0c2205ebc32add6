"""Throttling that stops guessing without locking an office out (issue 30).

Five failed logins from one address, any user names, used to lock every account behind
that address (an institution's staff share one public address); five failures on a
publisher's name from anywhere locked the publisher out; a client reaching the app server
directly chose its own address with X-Forwarded-For; the login form said "wrong code"
only when the password was right; password-reset mails were not limited at all.
"""

import pytest
from django.core import mail
from django.test import RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.security.forwarded import TrustedProxyMiddleware
from tests import factories as f
from tests.units.test_lockout import LOGIN, attempt
from tests.units.test_two_factor import code_for
from units.roles import PUBLISHER

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.7"
ELSEWHERE = "198.51.100.66"
RESET = "/admin/password_reset/"


def test_one_colleagues_typos_lock_nobody_else_in_the_office(client, settings):
    f.user("rahmi")
    colleagues = [f.user(f"staf{n}") for n in range(3)]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "rahmi", "salah-ketik-123", OFFICE)
    assert attempt(client, "rahmi", "rahasia-uji-123", OFFICE).status_code == 429

    for person in colleagues:
        assert attempt(client, person.username, "rahasia-uji-123", OFFICE).status_code == 302
        client.logout()


def test_guesses_at_a_publishers_name_from_elsewhere_do_not_lock_the_publisher_out(
    client, settings
):
    f.user("budi", groups=[PUBLISHER])
    for n in range(settings.AXES_FAILURE_LIMIT * 3):
        attempt(client, "budi", f"tebakan-{n}", f"192.0.2.{n % 3 + 1}")
    assert attempt(client, "budi", "tebakan-lagi", "192.0.2.1").status_code == 429

    assert attempt(client, "budi", "rahasia-uji-123", OFFICE).status_code == 302


def test_the_address_limit_is_far_above_the_account_limit(settings):
    assert settings.NEWSROOM_LOGIN_ADDRESS_LIMIT >= 10 * settings.AXES_FAILURE_LIMIT


def test_forwarded_for_from_a_direct_connection_is_ignored(client, settings):
    """Anyone reaching gunicorn directly cannot lock out the office's address."""
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 1
    settings.NEWSROOM_TRUSTED_PROXIES = ["10.0.0.2"]
    f.user("rahmi")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "rahmi", "password": f"x{n}"},
            REMOTE_ADDR=ELSEWHERE,
            HTTP_X_FORWARDED_FOR=OFFICE,
        )
    through_proxy = client.post(
        LOGIN,
        {"username": "rahmi", "password": "rahasia-uji-123"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=OFFICE,
    )
    assert through_proxy.status_code == 302
    client.logout()
    # The failures counted against the address that really connected.
    direct = client.post(
        LOGIN, {"username": "rahmi", "password": "rahasia-uji-123"}, REMOTE_ADDR=ELSEWHERE
    )
    assert direct.status_code == 429


@pytest.mark.parametrize(("remote", "kept"), [("10.0.0.2", True), (ELSEWHERE, False)])
def test_forwarded_headers_are_read_only_from_the_configured_proxy(settings, remote, kept):
    settings.NEWSROOM_TRUSTED_PROXIES = ["10.0.0.2"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # production's
    seen = {}

    def view(request):
        seen["secure"] = request.is_secure()
        seen["forwarded"] = request.META.get("HTTP_X_FORWARDED_FOR")

    request = RequestFactory().get(
        "/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=OFFICE, HTTP_X_FORWARDED_PROTO="https"
    )
    TrustedProxyMiddleware(view)(request)
    assert seen == (
        {"secure": True, "forwarded": OFFICE} if kept else {"secure": False, "forwarded": None}
    )


def refusal(response):
    assert response.status_code == 200
    return [str(e) for e in response.context["form"].non_field_errors()]


def test_the_same_answer_for_a_wrong_password_and_a_wrong_or_missing_code(client):
    person = f.user("agus")
    device = TOTPDevice.objects.create(user=person, name="Ponsel", confirmed=True)

    def login(password, token):
        return client.post(
            LOGIN,
            {"username": "agus", "password": password, "otp_token": token, "next": "/admin/"},
        )

    wrong_password = refusal(login("bukan-sandinya", code_for(device)))
    right_password_wrong_code = refusal(login("rahasia-uji-123", "000000"))
    right_password_no_code = refusal(login("rahasia-uji-123", ""))

    assert wrong_password == right_password_wrong_code == right_password_no_code
    assert "_auth_user_id" not in client.session


def test_an_off_site_next_lands_on_the_admin_index(client):
    f.user("rahmi")
    response = client.post(
        LOGIN,
        {"username": "rahmi", "password": "rahasia-uji-123", "next": "https://jahat.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_reset_mails_are_limited_per_address(client, settings, local_cache):
    f.user("rahmi")
    for _ in range(12):
        assert client.post(RESET, {"email": "rahmi@example.test"}).status_code == 302
    assert len(mail.outbox) == settings.NEWSROOM_RESET_MAILS_PER_ADDRESS
    # Another colleague from another client is not held up by it.
    f.user("budi")
    client.post(RESET, {"email": "budi@example.test"}, REMOTE_ADDR=ELSEWHERE)
    assert mail.outbox[-1].to == ["budi@example.test"]


def test_reset_requests_are_limited_per_client(client, settings, local_cache):
    people = [f.user(f"staf{n}") for n in range(settings.NEWSROOM_RESET_REQUESTS_PER_CLIENT + 5)]
    for person in people:
        response = client.post(RESET, {"email": person.email}, REMOTE_ADDR=OFFICE)
        assert response.status_code == 302  # the same page, mailed or not
    assert len(mail.outbox) == settings.NEWSROOM_RESET_REQUESTS_PER_CLIENT
