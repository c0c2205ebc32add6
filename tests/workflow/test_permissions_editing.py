"""Who may change an item's content in which state: writers only their unit's drafts and
sent-back items; published content (through its pending copy) only editors and
publishers; approved content only the publisher about to publish it."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, Status
from articles.workflow import permissions, revisions
from tests import factories as f

pytestmark = pytest.mark.django_db

S = Status
EDITABLE = {
    "writer": {S.DRAFT, S.CHANGES_REQUESTED},
    "editor": {S.DRAFT, S.CHANGES_REQUESTED, S.IN_REVIEW},
    "publisher": {S.DRAFT, S.CHANGES_REQUESTED, S.IN_REVIEW, S.APPROVED},
    "editor_elsewhere": set(),
}
COPY_EDITABLE = {**EDITABLE, "writer": set()}


@pytest.mark.parametrize("copy", [False, True], ids=["original", "pending copy"])
def test_content_edit_rights_by_role_and_state(team, copy):
    live = f.article(owner=team["unit"])
    wrong = []
    for role, allowed in (COPY_EDITABLE if copy else EDITABLE).items():
        for status in (S.DRAFT, S.CHANGES_REQUESTED, S.IN_REVIEW, S.APPROVED, S.WITHDRAWN):
            extra = {"copy_of": live, "slug": live.slug} if copy else {}
            item = f.article(status=status, owner=team["unit"], publish_at=None, **extra)
            if permissions.can_edit_content(team[role], item) != (status in allowed):
                wrong.append((role, status))
            item.delete()
    assert wrong == []


def test_a_writer_cannot_edit_an_editors_pending_copy_of_published_content(client, team):
    from tests.admin.forms import article_data, change_url

    live = f.article(owner=team["unit"], title="Judul terbit")
    copy = workflow.start_pending_copy(live, team["editor"])
    client.force_login(team["writer"])
    page = client.get(change_url(copy)).content.decode()
    assert 'name="_save"' not in page
    response = client.post(change_url(copy), article_data(copy, title="Judul dari penulis"))
    assert response.status_code == 200 and "tidak dapat Anda ubah" in response.content.decode()
    copy.refresh_from_db()
    assert copy.title == "Judul terbit"
    revision = revisions.record(copy, team["editor"])
    client.post(reverse("admin:articles_article_restore", args=[copy.pk, revision.pk]))
    assert Article.objects.get(pk=copy.pk).version == copy.version


def test_an_editor_cannot_change_what_another_editor_approved(client, team):
    from tests.admin.forms import article_data, change_url

    item = f.article(status=S.DRAFT, owner=team["unit"], title="Judul disetujui")
    workflow.submit(item, team["writer"])
    workflow.approve(item, team["editor2"])
    item.refresh_from_db()
    client.force_login(team["editor"])
    response = client.post(change_url(item), article_data(item, title="Judul diam-diam"))
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.title == "Judul disetujui"
    client.force_login(team["publisher"])
    response = client.post(change_url(item), article_data(item, title="Judul akhir"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Judul akhir"
