"""Login throttling through the real admin login view (django-axes, counts in the database)."""

import logging

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_repeated_failures_lock_the_account_at_that_address_with_a_clear_message(client, settings):
    f.user("rahmi")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "rahmi", "salah-tebak-123").status_code == 200

    refused = attempt(client, "rahmi", "salah-tebak-123")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in page
    assert "15 menit" in page

    # The right password no longer opens the account from here for now; its owner,
    # somewhere else, is not locked out by whoever guessed.
    assert attempt(client, "rahmi", "rahasia-uji-123").status_code == 429
    assert "_auth_user_id" not in client.session
    assert attempt(client, "rahmi", "rahasia-uji-123", "198.51.100.9").status_code == 302


def test_one_address_trying_many_accounts_is_locked_out_past_the_address_limit(client, settings):
    settings.NEWSROOM_LOGIN_ADDRESS_LIMIT = 12
    victims = [f.user(f"staf{n}") for n in range(4)]
    for person in victims[:3]:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):  # no account reaches its own limit
            attempt(client, person.username, "tebakan-acak-123")
    assert attempt(client, victims[3].username, "rahasia-uji-123").status_code == 429
    # Another colleague elsewhere logs in as usual, and the public site keeps working.
    other = f.user("budi")
    assert attempt(client, other.username, "rahasia-uji-123", "198.51.100.9").status_code == 302
    assert client.get(reverse("articles:home"), REMOTE_ADDR="203.0.113.7").status_code == 200


def test_an_administrator_sees_and_lifts_the_lockout(client, settings):
    f.user("rahmi")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "rahmi", "salah-tebak-123")
    admin = f.user("kepala", is_superuser=True)
    client.force_login(admin)
    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "rahmi" in listing.content.decode()

    lock = AccessAttempt.objects.get(username="rahmi")
    response = client.post(
        reverse("admin:axes_accessattempt_delete", args=[lock.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    client.logout()
    assert attempt(client, "rahmi", "rahasia-uji-123").status_code == 302


def test_the_client_address_behind_our_proxy_is_the_one_it_appended(client, settings):
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 1
    settings.NEWSROOM_TRUSTED_PROXIES = ["10.0.0.2"]
    f.user("rahmi")
    # Each request claims a fresh address in front; only the proxy's entry counts.
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "rahmi", "password": f"x{n}"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7",
        )
    blocked = client.post(
        LOGIN,
        {"username": "rahmi", "password": "rahasia-uji-123"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.7",
    )
    assert blocked.status_code == 429
    # Another reader behind the same proxy is not caught by the lock.
    fine = client.post(
        LOGIN,
        {"username": "rahmi", "password": "rahasia-uji-123"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert fine.status_code == 302


def test_failed_and_successful_logins_are_logged(client, caplog):
    f.user("rahmi")
    with caplog.at_level(logging.INFO, logger="newsroom.security"):
        attempt(client, "rahmi", "salah-tebak-123")
        attempt(client, "rahmi", "rahasia-uji-123")
    messages = [r.getMessage() for r in caplog.records if r.name == "newsroom.security"]
    assert "login failed for 'rahmi' from 203.0.113.7" in messages
    assert "login by 'rahmi' from 203.0.113.7" in messages


def test_logging_in_between_guesses_does_not_reset_the_count(client, settings):
    """An insider's own successful logins must not wipe the failures from their address."""
    f.user("rahmi")
    f.user("orang-dalam")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "rahmi", "tebakan-123")
        assert attempt(client, "orang-dalam", "rahasia-uji-123").status_code == 302
        client.logout()
    assert attempt(client, "rahmi", "tebakan-123").status_code == 429
