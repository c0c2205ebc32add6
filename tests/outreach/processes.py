"""Real worker and clock processes against the test database (PostgreSQL only: SQLite's
test database lives in the test process's memory, where no other process can reach it)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

needs_shared_database = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="worker processes need a database other processes can open (CI runs PostgreSQL)",
)


def database_url():
    s = connection.settings_dict
    user = s["USER"] or "postgres"
    return f"postgres://{user}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def start(command, *args, smtp_port=1, **env):
    """`manage.py <command> <args>` against the test database."""
    return run_python("manage.py", command, *args, smtp_port=smtp_port, **env)


def run_python(*argv, smtp_port=1, **env):
    """`python <argv>` from the project root against the test database."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "NEWSROOM_WORKER_BEAT_SECONDS": "0.5",
        "NEWSROOM_WORKER_LOST_AFTER": "3",
        "NEWSROOM_CLOCK_SECONDS": "0.2",
        **{key: str(value) for key, value in env.items()},
    }
    environment.pop("REDIS_URL", None)
    return subprocess.Popen(
        [sys.executable, *argv],
        cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def wait_for(condition, timeout=60, every=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.stdout.read() if process.stdout else ""
