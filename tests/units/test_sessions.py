"""Staff sessions: idle timeout, the end of every session on a password change, resets."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError

from tests import factories as f
from units.security.sessions import LAST_SEEN

pytestmark = pytest.mark.django_db


def test_an_idle_staff_session_ends(client, settings):
    person = f.user("rahmi")
    client.force_login(person)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - settings.NEWSROOM_STAFF_IDLE_SECONDS - 5
    session.save()

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_an_active_session_is_kept_and_the_cookie_lasts_the_idle_time(client, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    person = f.user("rahmi")
    client.force_login(person)
    session = client.session
    session[LAST_SEEN] = int(time.time()) - settings.NEWSROOM_STAFF_IDLE_SECONDS + 60
    session.save()
    assert client.get("/admin/").status_code == 200
    assert client.session[LAST_SEEN] >= int(time.time()) - 5


def test_a_password_change_ends_the_other_sessions(client, django_user_model):
    from django.test import Client

    person = f.user("rahmi")
    laptop, phone = client, Client()
    laptop.force_login(person)
    phone.force_login(person)
    new = "kata-sandi-baru-yang-panjang"
    response = laptop.post(
        "/admin/password_change/",
        {"old_password": "rahasia-uji-123", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert laptop.get("/admin/").status_code == 200
    assert phone.get("/admin/").status_code == 302


def test_staff_passwords_need_twelve_characters(db):
    person = f.user("rahmi")
    with pytest.raises(ValidationError):
        validate_password("Pendek-12ab", person)
    validate_password("cukup-panjang-sekali", person)


def test_password_reset_reveals_nothing_about_accounts(client):
    f.user("rahmi")  # rahmi@example.test
    assert client.get("/admin/password_reset/").status_code == 200
    known = client.post("/admin/password_reset/", {"email": "rahmi@example.test"})
    unknown = client.post("/admin/password_reset/", {"email": "siapa@example.test"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rahmi@example.test"]
    done = client.get(known["Location"])
    assert "rahmi" not in done.content.decode()
