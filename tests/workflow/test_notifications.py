"""Who hears about a transition by e-mail, and that the actor never does."""

import pytest
from django.core import mail

from articles import workflow
from articles.models import Status
from tests import factories as f

pytestmark = pytest.mark.django_db


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


def run(callbacks, step, *args, **kwargs):
    mail.outbox.clear()
    with callbacks(execute=True):
        step(*args, **kwargs)
    return sent_to()


def test_round_trip_mails_the_right_people(team, django_capture_on_commit_callbacks):
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])
    cb = django_capture_on_commit_callbacks

    assert run(cb, workflow.submit, item, team["writer"]) == [
        "agus@example.test",
        "dewi@example.test",
    ]
    assert run(cb, workflow.request_changes, item, team["editor"], "Foto buram") == [
        "rani@example.test"
    ]
    message = mail.outbox[0]
    assert "Perlu perbaikan" in message.subject and "Foto buram" in message.body
    assert f"/admin/articles/article/{item.pk}/change/" in message.body

    # Sent back to review: the unit's editors, the earlier reviewer among them once.
    assert run(cb, workflow.resubmit, item, team["writer"]) == [
        "agus@example.test",
        "dewi@example.test",
    ]
    assert run(cb, workflow.approve, item, team["editor2"]) == ["rani@example.test"]
    assert run(cb, workflow.publish, item, team["publisher"]) == ["rani@example.test"]
    assert run(cb, workflow.withdraw, item, team["publisher"], reason="Salah data") == []


def test_a_second_send_back_reaches_every_earlier_reviewer(
    team, django_capture_on_commit_callbacks
):
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"], submitted_by=team["writer"])
    cb = django_capture_on_commit_callbacks
    run(cb, workflow.request_changes, item, team["editor"], "Judul terlalu panjang")
    run(cb, workflow.resubmit, item, team["writer"])
    recipients = run(cb, workflow.request_changes, item, team["publisher"], "Tambah foto")
    assert recipients == ["agus@example.test", "rani@example.test"]


def test_the_actor_is_never_mailed(team, django_capture_on_commit_callbacks):
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["editor"])
    cb = django_capture_on_commit_callbacks
    assert "agus@example.test" not in run(cb, workflow.submit, item, team["editor"])
    assert run(cb, workflow.approve, item, team["editor2"]) == ["agus@example.test"]


def test_a_mail_server_outage_does_not_undo_the_transition(
    team, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = 1  # nothing listens here
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(item, team["writer"])
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_mail_stays_indonesian_when_the_actor_reads_english(
    team, django_capture_on_commit_callbacks
):
    from django.utils import translation

    item = f.article(status=Status.IN_REVIEW, owner=team["unit"], created_by=team["writer"])
    with translation.override("en"):
        run(django_capture_on_commit_callbacks, workflow.approve, item, team["editor"])
    message = mail.outbox[0]
    assert message.subject.startswith("[Redaksi] Disetujui:")
    assert "Yth. " in message.body and "Buka di ruang redaksi" in message.body
    assert "Approved" not in message.subject + message.body


def test_scheduled_mail_gives_the_time_as_the_portal_does(team, django_capture_on_commit_callbacks):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    item = f.article(status=Status.APPROVED, owner=team["unit"], created_by=team["writer"])
    due = datetime(2099, 6, 25, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    run(django_capture_on_commit_callbacks, workflow.schedule, item, team["publisher"], at=due)
    assert "Waktu terbit: Kamis, 25 Juni 2099, 10.00 WIB" in mail.outbox[0].body


def test_the_credited_writer_hears_when_someone_typed_it_in_for_them(
    team, django_capture_on_commit_callbacks
):
    item = f.article(
        status=Status.DRAFT, owner=team["unit"], created_by=team["editor"], writer=team["writer"]
    )
    cb = django_capture_on_commit_callbacks
    run(cb, workflow.submit, item, team["editor"])
    assert run(cb, workflow.request_changes, item, team["editor2"], "Foto buram") == [
        "agus@example.test",
        "rani@example.test",
    ]
