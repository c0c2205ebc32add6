"""Four-eyes covers the text that goes live: nobody approves a version they wrote,
changed or submitted, and what is published is exactly the version approved."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, Status, TransitionLog
from articles.workflow import WorkflowError, revisions
from tests import factories as f
from tests.admin.forms import article_data, change_url, messages_of, workflow_url

pytestmark = pytest.mark.django_db


def test_a_publisher_cannot_rewrite_approve_and_publish_alone(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])
    workflow.submit(item, team["writer"])
    client.force_login(team["publisher"])
    item.refresh_from_db()
    client.post(change_url(item), article_data(item, title="Judul ditulis ulang"))
    item.refresh_from_db()
    assert item.title == "Judul ditulis ulang"
    response = client.post(workflow_url(item), {"action": "approve"})
    assert any("empat mata" in m for m in messages_of(response))
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert "approve" not in [t.name for t in workflow.available(item, team["publisher"])]


def test_an_editor_who_copy_edits_an_item_in_review_cannot_approve_it(team):
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"], submitted_by=team["writer"])
    item.title = "Judul disunting"
    item.save()
    revisions.record(item, team["editor"])
    with pytest.raises(WorkflowError, match="empat mata"):
        workflow.approve(item, team["editor"])
    workflow.approve(item, team["editor2"])
    assert item.status == Status.APPROVED


def test_an_editors_own_draft_submitted_by_a_writer_is_not_theirs_to_approve(team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["editor"])
    workflow.submit(item, team["writer"])
    with pytest.raises(WorkflowError, match="empat mata"):
        workflow.approve(item, team["editor"])


def test_an_edit_to_an_approved_item_needs_a_fresh_approval_by_someone_else(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])
    workflow.submit(item, team["writer"])
    workflow.approve(item, team["editor"])
    client.force_login(team["publisher"])
    item.refresh_from_db()
    response = client.post(change_url(item), article_data(item, lead="Teras diubah penerbit."))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.lead) == (Status.IN_REVIEW, "Teras diubah penerbit.")
    assert TransitionLog.objects.filter(object_id=item.pk, action="reopen").exists()

    response = client.post(workflow_url(item), {"action": "publish"})
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    with pytest.raises(WorkflowError, match="empat mata"):
        workflow.approve(item, team["publisher"])
    workflow.approve(item, team["editor2"])
    workflow.publish(item, team["publisher"])
    assert item.status == Status.PUBLISHED


def test_a_version_changed_after_approval_is_not_published(team):
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"], submitted_by=team["writer"])
    workflow.approve(item, team["editor"])
    Article.objects.filter(pk=item.pk).update(version=item.version + 1, title="Diam-diam")
    item.refresh_from_db()
    with pytest.raises(WorkflowError, match="disetujui ulang"):
        workflow.publish(item, team["publisher"])
    item.refresh_from_db()
    assert item.status == Status.APPROVED


def test_restoring_an_old_version_into_an_approved_item_reopens_its_review(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], title="Versi lama")
    old = revisions.record(item, team["writer"])
    workflow.submit(item, team["writer"])
    Article.objects.filter(pk=item.pk).update(title="Versi baru")
    item.refresh_from_db()
    workflow.approve(item, team["editor"])
    client.force_login(team["publisher"])
    client.post(reverse("admin:articles_article_restore", args=[item.pk, old.pk]))
    item.refresh_from_db()
    assert (item.title, item.status) == ("Versi lama", Status.IN_REVIEW)


def test_a_scheduled_items_edit_waits_for_approval_by_someone_else(team):
    from datetime import timedelta

    from django.utils import timezone

    item = f.article(owner=team["unit"], publish_at=timezone.now() + timedelta(days=1))
    copy = workflow.start_pending_copy(item, team["editor"])
    copy.title = "Judul baru"
    copy.save()
    revisions.record(copy, team["editor"])
    workflow.submit(copy, team["editor"])
    with pytest.raises(WorkflowError, match="empat mata"):
        workflow.approve(copy, team["editor"])
    with pytest.raises(WorkflowError):
        workflow.publish(copy, team["publisher"])


def test_four_eyes_can_be_switched_off(settings, team):
    settings.NEWSROOM_FOUR_EYES = False
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"], submitted_by=team["editor"])
    revisions.record(item, team["editor"])
    workflow.approve(item, team["editor"])
    assert item.status == Status.APPROVED


def test_bulk_approve_and_publish_are_gone_even_for_crafted_posts(client, team):
    in_review = f.article(status=Status.IN_REVIEW, owner=team["unit"])
    approved = f.article(status=Status.APPROVED, owner=team["unit"])
    client.force_login(team["publisher"])
    url = reverse("admin:articles_article_changelist")
    actions = str(client.get(url).context["action_form"])
    assert "approve_selected" not in actions and "publish_selected" not in actions
    for action, item in (("approve_selected", in_review), ("publish_selected", approved)):
        client.post(url, {"action": action, "_selected_action": [item.pk]})
    in_review.refresh_from_db()
    approved.refresh_from_db()
    assert (in_review.status, approved.status) == (Status.IN_REVIEW, Status.APPROVED)


def test_the_review_list_leaves_out_what_the_editor_copy_edited(client, team):
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"], submitted_by=team["writer"])
    revisions.record(item, team["editor"])
    client.force_login(team["editor"])
    overview = {s["key"]: s for s in client.get(reverse("admin:index")).context["overview"]}
    assert overview["review"]["count"] == 0
    client.force_login(team["editor2"])
    overview = {s["key"]: s for s in client.get(reverse("admin:index")).context["overview"]}
    assert overview["review"]["count"] == 1
