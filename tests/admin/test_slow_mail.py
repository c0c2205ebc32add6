"""A mail server that never answers cannot hold a workflow button: the request only writes
rows; the connection is opened by a task worker later, which defers the message."""

import socket

import pytest
from django.urls import reverse

from articles.models import Status
from outreach.models import OutboxMessage, OutboxStatus
from tests import factories as f
from tests.outreach.queue import drain


@pytest.fixture
def silent_smtp(settings):
    """Accepts connections and never says a word, like a mail server stuck under load."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.setblocking(False)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.getsockname()[1]
        settings.EMAIL_TIMEOUT = 30
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        yield server


def connections(server):
    count = 0
    while True:
        try:
            peer, _address = server.accept()
        except BlockingIOError:
            return count
        peer.close()
        count += 1


# serialized_rollback: on PostgreSQL, an earlier transactional test's flush took the role
# groups (a data migration) with it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_never_waits_for_a_silent_mail_server(client, team, silent_smtp, settings):
    item = f.article(status=Status.APPROVED, owner=team["unit"], created_by=team["writer"])
    item.approved_version = item.version
    item.save()
    client.force_login(team["publisher"])
    url = reverse("admin:articles_article_workflow", args=[item.pk])

    response = client.post(url, {"action": "publish", "version": item.version})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert connections(silent_smtp) == 0  # the request never reached for the mail server

    # A worker does: the writer's mail is queued, tried, and deferred with the reason.
    settings.EMAIL_TIMEOUT = 1
    drain()
    message = OutboxMessage.objects.get()
    assert (message.recipient, message.status) == ("rani@example.test", OutboxStatus.DEFERRED)
    assert "Terbit" in message.subject and "timed out" in message.last_error
    assert connections(silent_smtp) == 1
