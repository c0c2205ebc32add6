import pytest

from tests.outreach.smtp import SMTPServer


@pytest.fixture
def smtp(settings):
    """A real SMTP server, and the project's SMTP backend pointed at it."""
    with SMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_TIMEOUT = 5
        yield server


@pytest.fixture
def queued_tasks(settings):
    """Tasks wait in the database, as in production, until a worker or the test runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
