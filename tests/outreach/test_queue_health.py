"""/readyz reports a queue where work has waited ten minutes and nothing ran."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.workflow.events import dispatch_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def readyz(client):
    response = client.get("/readyz")
    return response.status_code, json.loads(response.content)


def test_a_queue_that_moves_is_ok(client, queued_tasks):
    dispatch_events.enqueue()
    status, body = readyz(client)
    assert (status, body["queue"]) == (200, "ok")


def test_work_waiting_ten_minutes_with_no_task_run_is_reported_without_failing_the_server(
    client, queued_tasks
):
    result = dispatch_events.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=11)
    )
    status, body = readyz(client)
    assert status == 200 and body["status"] == "ok"  # a balancer keeps the server
    assert body["queue"].startswith("stalled")

    # A task that ran in the last ten minutes means the queue moves, only slowly.
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="x.y", backend_name="default",
        run_after=timezone.now(), status="SUCCESSFUL", finished_at=timezone.now(),
    )  # fmt: skip
    assert readyz(client)[1]["queue"] == "ok"
