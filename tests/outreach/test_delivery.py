"""The outbox through a real SMTP server: sent once, retried when the server says later,
failed with its reason when it says never, and never sent from the web request."""

import smtplib
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import workflow
from articles.models import Status
from outreach.mail import delivery, outbox
from outreach.models import OutboxMessage, OutboxStatus, Suppression, SuppressionReason
from tests import factories as f
from tests.outreach.queue import drain

pytestmark = pytest.mark.django_db


def queue(to="guru@example.test", key="k1", **extra):
    return outbox.queue(
        kind="test",
        key=key,
        to=to,
        template="staff_step",
        context={
            "subject": extra.pop("subject", "Uji"),
            "name": "Guru",
            "actor": "Budi",
            "action_label": "Terbitkan",
            "title": "Kelas daring",
            "status": "Terbit",
            "url": "https://example.test/",
        },
        **extra,
    )


def test_a_message_reaches_the_smtp_server_once_with_its_own_message_id(
    smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 1
    assert smtp.ids == {message.message_id: 1}
    received = smtp.messages[0]
    assert received["Auto-Submitted"] == "auto-generated"
    assert received["To"] == "guru@example.test"
    assert received.is_multipart()  # text and HTML


def test_a_second_delivery_of_a_sent_row_sends_nothing(smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    assert delivery.send(message.pk) == "skipped"
    assert sum(smtp.ids.values()) == 1


def test_queueing_the_same_key_twice_makes_one_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue(key="same")
        second = queue(key="same")
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "address",
    ["bukan-alamat", "a@b.test\r\nBcc: korban@example.test", "", "x" * 250 + "@e.test", "a,b@c.d"],
)
def test_invalid_addresses_are_refused_before_queueing_and_named(address):
    with pytest.raises(outbox.InvalidRecipient) as refused:
        queue(to=address)
    assert repr(address) in str(refused.value)
    assert not OutboxMessage.objects.exists()


def test_a_line_break_in_the_subject_cannot_add_a_header(smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue(subject="Judul\r\nBcc: korban@example.test")
    received = smtp.messages[0]
    assert received["Bcc"] is None
    assert received["Subject"] == "Judul Bcc: korban@example.test"


def test_only_known_headers_are_written():
    with pytest.raises(ValueError):
        queue(headers={"Bcc": "korban@example.test"})
    with pytest.raises(ValueError):
        queue(headers={"List-Unsubscribe": "<https://x.test>\r\nBcc: korban@example.test"})


def test_a_server_that_says_later_defers_and_the_retry_delivers(
    smtp, settings, django_capture_on_commit_callbacks
):
    smtp.recorder.refuse["guru"] = "451 4.3.0 Try again later"
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    message.refresh_from_db()
    assert message.status == OutboxStatus.DEFERRED
    assert message.last_error.startswith("451")
    assert message.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert not smtp.ids

    smtp.recorder.refuse.clear()
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert delivery.send(message.pk) == "sent"
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 2)
    assert smtp.ids == {message.message_id: 1}


def test_a_server_that_says_never_fails_the_message_with_its_reason(
    smtp, django_capture_on_commit_callbacks
):
    smtp.recorder.refuse["guru"] = "550 5.1.1 No such user"
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert "550" in message.last_error and "No such user" in message.last_error


def test_a_mail_server_that_is_down_defers_until_the_last_try_then_fails(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens
    settings.NEWSROOM_MAIL_RETRY_DELAYS = [1, 2]
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    for expected in (OutboxStatus.DEFERRED, OutboxStatus.DEFERRED, OutboxStatus.FAILED):
        message.refresh_from_db()
        assert message.status == expected, message.last_error
        assert "ConnectionRefused" in message.last_error
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        delivery.send(message.pk)
    assert message.attempts == 3


def test_classify_sorts_what_the_server_said():
    assert delivery.classify(smtplib.SMTPResponseException(421, b"busy"))[0] == "transient"
    assert delivery.classify(smtplib.SMTPResponseException(554, b"spam"))[0] == "permanent"
    refused = smtplib.SMTPRecipientsRefused({"a@b.test": (550, b"no")})
    assert delivery.classify(refused)[0] == "permanent"
    assert delivery.classify(TimeoutError("timed out"))[0] == "transient"
    assert delivery.classify(ConnectionRefusedError())[0] == "transient"


def test_the_sweeper_hands_out_rows_whose_task_was_lost(smtp, queued_tasks):
    message = queue()  # no commit callback ran: its delivery task was never enqueued
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert delivery.sweep() == 1
    assert delivery.sweep() == 0  # its task now waits in the queue: not handed out twice


def test_publishers_resend_a_failed_message_writers_do_not_see_the_outbox(
    client, team, smtp, django_capture_on_commit_callbacks
):
    smtp.recorder.refuse["guru"] = "550 no"
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    changelist = reverse("admin:outreach_outboxmessage_changelist")

    client.force_login(team["writer"])
    assert client.get(changelist).status_code == 403
    assert client.get(reverse("admin:outreach_queue")).status_code == 403

    client.force_login(team["publisher"])
    page = client.get(changelist + "?status__exact=failed")
    assert page.status_code == 200 and "guru@example.test" in page.content.decode()
    smtp.recorder.refuse.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "resend", "_selected_action": [message.pk]})
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert smtp.ids == {message.message_id: 1}
    queue_page = client.get(reverse("admin:outreach_queue"))
    assert queue_page.status_code == 200 and "Antrean tugas" in queue_page.content.decode()


def test_bulk_mail_skips_suppressed_addresses_staff_mail_does_not(
    django_capture_on_commit_callbacks,
):
    Suppression.add("Guru@Example.test", SuppressionReason.HARD_BOUNCE)
    with django_capture_on_commit_callbacks(execute=True):
        assert queue(key="bulk", bulk=True) is None
        assert queue(key="staff") is not None
    assert list(OutboxMessage.objects.values_list("key", flat=True)) == ["staff"]


def test_a_staff_account_with_a_broken_address_holds_no_one_elses_mail(
    team, django_capture_on_commit_callbacks
):
    get_user_model().objects.filter(pk=team["editor"].pk).update(email="agus@@example")
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(item, team["writer"])
    assert [m.to for m in mail.outbox] == [["dewi@example.test"]]


def test_a_task_that_raises_is_recorded_and_logged(queued_tasks, caplog):
    result = delivery.deliver.enqueue("not-a-row-id")
    with caplog.at_level("ERROR"):
        drain()
    assert DBTaskResult.objects.get(id=result.id).status == "FAILED"
    assert f"task {result.id}" in caplog.text and "failed" in caplog.text
