"""Production refuses to start with development defaults; development needs nothing set."""

import os
import subprocess
import sys

import pytest


def _check(env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_with_development_defaults_refuses_to_start():
    result = _check({"NEWSROOM_ENV": "production"})
    assert result.returncode != 0
    for problem in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL"):
        assert problem in result.stderr


@pytest.mark.parametrize("debug", ["1", "true"])
def test_production_refuses_debug(debug):
    result = _check(
        {
            "NEWSROOM_ENV": "production",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "berita.example.go.id",
            "DATABASE_URL": "postgres://newsroom@127.0.0.1:5432/newsroom",
            "DEBUG": debug,
        }
    )
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_refuses_sqlite():
    result = _check(
        {
            "NEWSROOM_ENV": "production",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "berita.example.go.id",
            "DATABASE_URL": "sqlite:////tmp/newsroom.sqlite3",
        }
    )
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_with_its_settings_starts():
    result = _check(
        {
            "NEWSROOM_ENV": "production",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "berita.example.go.id",
            "DATABASE_URL": "postgres://newsroom@127.0.0.1:5432/newsroom",
            "SITE_URL": "https://berita.example.go.id",
        }
    )
    assert result.returncode == 0, result.stderr


PRODUCTION = {
    "NEWSROOM_ENV": "production",
    "SECRET_KEY": "k3Q-9vZ_x2LmT7pR4sWbN8yHcF1eJ6uA0gDqKoVi5nXt-w8Ey2Uh",
    "ALLOWED_HOSTS": "berita.example.go.id",
    "DATABASE_URL": "postgres://newsroom@127.0.0.1:5432/newsroom",
    "SITE_URL": "https://berita.example.go.id",
}


def _deploy_check(env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_in_production():
    result = _deploy_check(PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_plain_http_trial_is_reported_by_check_deploy():
    """NEWSROOM_HTTPS=0 (make run-prod on loopback) is not silently a production setup."""
    result = _deploy_check({**PRODUCTION, "NEWSROOM_HTTPS": "0"})
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr
    assert "SESSION_COOKIE_SECURE" in result.stderr
