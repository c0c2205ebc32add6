"""What deploy/ ships (issue 30): gunicorn listens only where nginx reaches it, and the
backup unit writes archives no one else can read.

Whoever reaches gunicorn directly skips nginx; the docs used to tell a second app server
to bind 0.0.0.0, where anyone could send X-Forwarded-For. Backups were written 0644.
"""

import runpy
from pathlib import Path

import pytest
from django.conf import settings

CONFIG = str(Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py")


def load(monkeypatch, bind=None):
    if bind is None:
        monkeypatch.delenv("GUNICORN_BIND", raising=False)
    else:
        monkeypatch.setenv("GUNICORN_BIND", bind)
    return runpy.run_path(CONFIG)


def test_the_default_is_loopback_and_forwarded_headers_come_only_from_it(monkeypatch):
    config = load(monkeypatch)
    assert config["bind"] == "127.0.0.1:8001"
    assert config["forwarded_allow_ips"] == "127.0.0.1,::1"


@pytest.mark.parametrize("bind", ["unix:/run/newsroom/gunicorn.sock", "10.0.0.11:8001"])
def test_a_socket_or_a_private_address_is_accepted(monkeypatch, bind):
    assert load(monkeypatch, bind)["bind"] == bind


@pytest.mark.parametrize("bind", ["0.0.0.0:8001", "[::]:8001", ":8001"])
def test_every_interface_is_refused(monkeypatch, bind):
    with pytest.raises(SystemExit, match="every interface"):
        load(monkeypatch, bind)


def test_the_app_trusts_forwarded_headers_from_loopback_only_by_default():
    assert settings.NEWSROOM_TRUSTED_PROXIES == ["127.0.0.1", "::1"]


def test_the_backup_unit_writes_files_for_their_owner_only():
    unit = Path(settings.BASE_DIR, "deploy", "systemd", "newsroom-backup.service").read_text()
    assert "\nUMask=0077\n" in unit
