"""Every response names its request; production logs are one JSON object per line."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest

from newsroom.logs import RequestContextFilter, json_formatter
from tests import factories as f


@pytest.fixture
def json_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(json_formatter())
    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("newsroom.requests")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(old_level)


@pytest.mark.django_db
def test_request_line_is_json_with_the_id_of_the_response(client, json_log):
    response = client.get("/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    (line,) = json_log()
    assert line["request_id"] == request_id
    assert line["path"] == "/"
    assert line["status"] == 200
    assert line["level"] == "INFO"
    assert line["user_id"] is None
    assert isinstance(line["duration_ms"], float)
    assert "time" in line


@pytest.mark.django_db
def test_staff_user_id_is_logged(client, json_log):
    staff = f.user("penulis")
    client.force_login(staff)
    client.get("/admin/")
    assert json_log()[-1]["user_id"] == staff.pk


@pytest.mark.django_db
def test_proxy_request_id_is_kept_and_a_crafted_one_replaced(client, json_log):
    given = "0123456789abcdef0123456789abcdef"
    assert client.get("/healthz", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    crafted = 'x" "injected\n{"level": "CRITICAL"}'
    answered = client.get("/healthz", HTTP_X_REQUEST_ID=crafted)["X-Request-ID"]
    assert answered != crafted and answered.isalnum()
    assert [line["request_id"] for line in json_log()] == [given, answered]


def test_a_scanners_host_header_is_a_warning_not_an_error(client, caplog):
    """ERROR is for what needs a person; bots asking for the server's address do not."""
    security = logging.getLogger("django.security.DisallowedHost")
    security.addHandler(caplog.handler)  # `django` loggers do not propagate to the root
    try:
        response = client.get("/", HTTP_HOST="203.0.113.9")
    finally:
        security.removeHandler(caplog.handler)
    assert response.status_code == 400
    records = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert records and all(r.levelname == "WARNING" for r in records)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_make_run_prints_failed_tasks_not_every_tasks_lifecycle():
    """In the development terminal (text logs) the clock's every-minute jobs would bury
    runserver's lines; production's JSON log keeps each task's lines."""
    probe = (
        "import logging, os, django;"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings'; django.setup();"
        "tasks = logging.getLogger('django_tasks');"
        "print(tasks.isEnabledFor(logging.INFO), tasks.isEnabledFor(logging.ERROR))"
    )
    for log_format, expected in (("text", "False True"), ("json", "True True")):
        env = {**os.environ, "LOG_FORMAT": log_format}
        env.pop("DATABASE_URL", None)
        shown = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        )
        assert shown.stdout.strip().splitlines()[-1] == expected, log_format
