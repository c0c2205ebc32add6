"""Transitions do what the newsroom expects: times, four-eyes, comments, scheduling,
and pending copies of live items replacing the public content in one go."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article, Event, EventSpeaker, Status, TransitionLog
from articles.workflow import WorkflowError, revisions
from tests import factories as f
from units.roles import EDITOR

pytestmark = pytest.mark.django_db


def test_full_round_writer_editor_second_editor_publisher(team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])

    workflow.submit(item, team["writer"])
    assert item.submitted_by == team["writer"]
    workflow.request_changes(item, team["editor"], "Lengkapi nama narasumber.")
    workflow.resubmit(item, team["writer"], "Sudah dilengkapi.")
    workflow.approve(item, team["editor2"])
    due = timezone.now() + timedelta(minutes=5)
    workflow.schedule(item, team["publisher"], at=due)

    item.refresh_from_db()
    assert (item.status, item.publish_at, item.first_published_at) == (Status.PUBLISHED, due, due)
    assert not Article.objects.published().filter(pk=item.pk).exists()
    assert Article.objects.published(at=due + timedelta(seconds=1)).filter(pk=item.pk).exists()
    log = list(workflow.history(item).values_list("action", "from_status", "to_status", "actor"))
    assert log == [
        ("submit", "draft", "in_review", team["writer"].pk),
        ("request_changes", "in_review", "changes_requested", team["editor"].pk),
        ("resubmit", "changes_requested", "in_review", team["writer"].pk),
        ("approve", "in_review", "approved", team["editor2"].pk),
        ("schedule", "approved", "published", team["publisher"].pk),
    ]
    assert workflow.history(item).get(action="request_changes").comment == (
        "Lengkapi nama narasumber."
    )


def test_publish_now_sets_times_and_keeps_first_publication(team):
    item = f.article(status=Status.APPROVED, owner=team["unit"])
    before = timezone.now()
    workflow.publish(item, team["publisher"])
    item.refresh_from_db()
    assert before <= item.publish_at <= timezone.now()
    first = item.first_published_at
    assert first == item.publish_at

    workflow.withdraw(item, team["publisher"], reason="Data peserta keliru")
    workflow.return_to_draft(item, team["publisher"])
    for step in (workflow.submit, workflow.approve):
        step(item, team["editor"] if step is workflow.approve else team["writer"])
    workflow.publish(item, team["publisher"])
    item.refresh_from_db()
    assert item.first_published_at == first
    assert item.publish_at > first


def test_publish_with_a_future_time_schedules(team):
    item = f.event(status=Status.APPROVED, owner=team["unit"])
    due = timezone.now() + timedelta(days=1)
    workflow.publish(item, team["publisher"], at=due)
    item.refresh_from_db()
    assert item.is_scheduled and item.publish_at == due
    assert not Event.objects.published().filter(pk=item.pk).exists()


def test_schedule_refuses_a_time_in_the_past(team):
    item = f.article(status=Status.APPROVED, owner=team["unit"])
    with pytest.raises(WorkflowError, match="waktu terbit"):
        workflow.schedule(item, team["publisher"], at=timezone.now() - timedelta(minutes=1))
    item.refresh_from_db()
    assert item.status == Status.APPROVED


@pytest.mark.parametrize("superuser", [False, True])
def test_four_eyes_nobody_approves_their_own_submission(team, superuser):
    actor = f.user(is_superuser=True) if superuser else team["editor"]
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    workflow.submit(item, actor)
    with pytest.raises(WorkflowError, match="empat mata"):
        workflow.approve(item, actor)
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    workflow.approve(item, team["editor2"])
    assert item.status == Status.APPROVED


def test_four_eyes_can_be_turned_off(team, settings):
    settings.NEWSROOM_FOUR_EYES = False
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    workflow.submit(item, team["editor"])
    workflow.approve(item, team["editor"])
    assert item.status == Status.APPROVED


@pytest.mark.parametrize("comment", ["", "   "])
def test_request_changes_and_withdraw_need_a_comment(team, comment):
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"])
    with pytest.raises(WorkflowError, match="catatan"):
        workflow.request_changes(item, team["editor"], comment)
    live = f.article(owner=team["unit"])
    with pytest.raises(WorkflowError, match="alasan"):
        workflow.withdraw(live, team["publisher"], reason=comment)
    assert TransitionLog.objects.count() == 0


def test_stale_in_memory_item_is_checked_against_the_database(team):
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    stale = Article.objects.get(pk=item.pk)
    workflow.submit(item, team["writer"])
    with pytest.raises(WorkflowError):
        workflow.submit(stale, team["writer"])
    assert TransitionLog.objects.filter(action="submit").count() == 1


def test_available_lists_only_what_the_user_may_press(team):
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"], submitted_by=team["writer"])
    names = lambda user: [t.name for t in workflow.available(item, user)]  # noqa: E731
    assert names(team["writer"]) == []
    assert names(team["editor"]) == ["request_changes", "approve"]
    assert names(f.user(units=[f.unit()], groups=[EDITOR])) == []


def test_pending_revision_of_a_live_article_replaces_content_on_publish(team):
    speaker, other = f.speaker(), f.speaker()
    live = f.article(owner=team["unit"], title="Judul lama", created_by=team["writer"])
    live.tags.set(["vokasi"])
    live.speakers.set([speaker])
    url, first = live.get_absolute_url(), live.publish_at

    copy = workflow.start_pending_copy(live, team["editor"])
    assert workflow.start_pending_copy(live, team["editor"]) == copy  # one open copy at a time
    assert (copy.copy_of, copy.status, copy.slug) == (live, Status.DRAFT, live.slug)
    assert list(copy.tags.names()) == ["vokasi"]
    copy.title = "Judul baru"
    copy.save()
    copy.tags.set(["vokasi", "kemitraan"])
    copy.speakers.set([other])

    live.refresh_from_db()
    assert Article.objects.published().get(slug=live.slug).title == "Judul lama"

    workflow.submit(copy, team["editor"])
    workflow.approve(copy, team["editor2"])
    workflow.publish(copy, team["publisher"], comment="Perbaikan judul")

    live.refresh_from_db()
    assert live.title == "Judul baru"
    assert sorted(live.tags.names()) == ["kemitraan", "vokasi"]
    assert list(live.speakers.all()) == [other]
    assert (live.get_absolute_url(), live.publish_at, live.status) == (url, first, Status.PUBLISHED)
    assert list(Article.objects.published().filter(slug=live.slug)) == [live]
    copy.refresh_from_db()
    assert workflow.pending_copy(live) is None
    with pytest.raises(WorkflowError):
        workflow.withdraw(copy, team["publisher"], reason="tidak bisa")
    assert workflow.history(live).filter(action="publish_pending_copy").exists()
    assert revisions.revisions_of(live).first().data["title"] == "Judul baru"


def test_pending_revision_of_an_event_replaces_speakers(team):
    a, b = f.speaker(), f.speaker()
    live = f.event(owner=team["unit"])
    EventSpeaker.objects.create(event=live, speaker=a, role="narasumber", order=1)
    copy = workflow.start_pending_copy(live, team["editor"])
    revisions.set_event_speakers(copy, [(b.pk, "moderator", 1), (a.pk, "narasumber", 2)])
    for step, actor in ((workflow.submit, "editor"), (workflow.approve, "editor2")):
        step(copy, team[actor])
    workflow.publish(copy, team["publisher"])
    rows = list(live.event_speakers.values_list("speaker", "role", "order"))
    assert rows == [(b.pk, "moderator", 1), (a.pk, "narasumber", 2)]


def test_a_revision_cannot_be_scheduled_or_published_over_a_withdrawn_item(team):
    live = f.article(owner=team["unit"])
    copy = workflow.start_pending_copy(live, team["editor"])
    workflow.submit(copy, team["writer"])
    workflow.approve(copy, team["editor"])
    with pytest.raises(WorkflowError, match="segera"):
        workflow.schedule(copy, team["publisher"], at=timezone.now() + timedelta(hours=1))
    workflow.withdraw(live, team["publisher"], reason="Salah unggah")
    with pytest.raises(WorkflowError, match="tidak lagi terbit"):
        workflow.publish(copy, team["publisher"])
    copy.refresh_from_db()
    assert copy.status == Status.APPROVED


def test_writer_cannot_open_a_revision_of_live_content(team):
    live = f.article(owner=team["unit"])
    with pytest.raises(WorkflowError):
        workflow.start_pending_copy(live, team["writer"])
    assert not Article.objects.filter(copy_of=live).exists()


def test_withdrawing_before_the_scheduled_time_records_no_first_publication(team):
    """It never was public; published later, it is first published then, not at the old slot."""
    item = f.article(status=Status.APPROVED, owner=team["unit"])
    workflow.schedule(item, team["publisher"], at=timezone.now() + timedelta(hours=1))
    workflow.withdraw(item, team["publisher"], reason="Jadwal salah")
    item.refresh_from_db()
    assert item.first_published_at is None
    workflow.return_to_draft(item, team["publisher"])
    workflow.submit(item, team["writer"])
    workflow.approve(item, team["editor"])
    workflow.publish(item, team["publisher"])
    item.refresh_from_db()
    assert item.first_published_at == item.publish_at <= timezone.now()
