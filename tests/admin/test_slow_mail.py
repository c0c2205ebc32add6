"""A mail server that never answers holds a workflow button for EMAIL_TIMEOUT at most, and
the person who pressed it is told which notifications did not go out."""

import logging
import socket

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.models import Status
from tests import factories as f


@pytest.fixture
def silent_smtp(settings):
    """Accepts connections and never says a word, like a mail server stuck under load."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.getsockname()[1]
        settings.EMAIL_TIMEOUT = 1
        yield


@pytest.mark.django_db(transaction=True)
def test_silent_mail_server_is_reported_to_the_sender(client, team, silent_smtp, caplog):
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])
    client.force_login(team["writer"])
    url = reverse("admin:articles_article_workflow", args=[item.pk])
    with caplog.at_level(logging.ERROR, logger="articles.workflow.notifications"):
        response = client.post(url, {"action": "submit", "comment": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("tidak terkirim" in m and "agus@example.test" in m for m in shown), shown
    assert "not sent" in caplog.text
