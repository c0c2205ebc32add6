"""What staff see of the workflow: nothing typed is lost by pressing a workflow button,
a scheduled item reads as scheduled, and an open request for changes sits on top."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Revision, Status
from articles.models.editor_schema import editor_form
from tests import factories as f
from tests.admin.forms import article_data, change_url, messages_of, workflow_url

pytestmark = pytest.mark.django_db


def test_the_workflow_buttons_send_the_change_form(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    client.force_login(team["writer"])
    page = client.get(change_url(item)).content.decode()
    assert f'form="article_form" formaction="{workflow_url(item)}"' in page


def test_submit_saves_what_the_form_holds_then_submits_it(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], title="Judul lama")
    client.force_login(team["writer"])
    data = article_data(item, title="Judul baru yang belum disimpan", action="submit")
    response = client.post(workflow_url(item), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.status) == ("Judul baru yang belum disimpan", Status.IN_REVIEW)


def test_resubmit_with_an_invalid_form_keeps_it_and_does_not_submit(client, team):
    item = f.article(status=Status.CHANGES_REQUESTED, owner=team["unit"], title="Judul lama")
    client.force_login(team["writer"])
    data = article_data(item, title="", lead="Teras yang baru diketik", action="resubmit")
    response = client.post(workflow_url(item), data)
    assert response.status_code == 200
    assert "Teras yang baru diketik" in response.content.decode()
    item.refresh_from_db()
    assert (item.title, item.status) == ("Judul lama", Status.CHANGES_REQUESTED)


def test_other_steps_refuse_over_unsaved_edits_and_keep_the_form(client, team):
    item = f.article(
        status=Status.IN_REVIEW,
        owner=team["unit"],
        submitted_by=team["writer"],
        body="<p>Kata “kunci” di sini.</p>\n<p>Paragraf kedua.</p>",
    )
    client.force_login(team["editor"])
    data = article_data(item, title="Suntingan editor", action="approve", version=item.version)
    response = client.post(workflow_url(item), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "belum disimpan" in page and 'value="Suntingan editor"' in page
    item.refresh_from_db()
    assert (item.status, item.title) != (Status.APPROVED, "Suntingan editor")
    assert item.status == Status.IN_REVIEW and item.title != "Suntingan editor"

    # The same form unchanged (line endings as a browser sends them) approves.
    data = article_data(item, action="approve", version=item.version)
    data["body"] = data["body"].replace("\n", "\r\n").replace("“", "&ldquo;") + "\r\n"
    response = client.post(workflow_url(item), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.APPROVED


def test_a_scheduled_item_reads_as_scheduled_in_list_filter_and_page(client, team):
    scheduled = f.article(
        owner=team["unit"], title="Berita terjadwal", publish_at=timezone.now() + timedelta(days=1)
    )
    live = f.article(owner=team["unit"], title="Berita tayang")
    client.force_login(team["publisher"])
    url = reverse("admin:articles_article_changelist")
    page = client.get(url).content.decode()
    row = page[page.index("Berita terjadwal") :][:1500]
    assert "Terjadwal" in row and "WIB" in row

    listed = client.get(url, {"status__exact": "scheduled"}).content.decode()
    assert "Berita terjadwal" in listed and "Berita tayang" not in listed
    listed = client.get(url, {"status__exact": "published"}).content.decode()
    assert "Berita tayang" in listed and "Berita terjadwal" not in listed
    filters = client.get(url).content.decode()
    assert "?status__exact=scheduled" in filters

    page = client.get(change_url(scheduled)).content.decode()
    panel = page[page.index('class="workflow-panel"') :][:1200]
    assert '<span class="status">Terjadwal</span>' in panel
    assert "sudah terbit" not in panel
    publishing = page[page.index("field-status_column") :][:600]
    assert "Terjadwal" in publishing and "Terbit<" not in publishing
    assert live.is_public


def test_the_open_request_for_changes_sits_on_top_until_resubmitted(client, team):
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"], submitted_by=team["writer"])
    workflow.request_changes(item, team["editor"], "Tambahkan kutipan kepala pusat.")
    assert workflow.open_change_request(item).comment == "Tambahkan kutipan kepala pusat."
    client.force_login(team["writer"])
    page = client.get(change_url(item)).content.decode()
    top = page[: page.index('id="article_form"')]
    assert "Tambahkan kutipan kepala pusat." in top and "Agus Prasetyo" in top

    workflow.resubmit(item, team["writer"])
    assert workflow.open_change_request(item) is None
    page = client.get(change_url(item)).content.decode()
    assert "Tambahkan kutipan kepala pusat." not in page[: page.index('id="article_form"')]


def test_a_press_without_the_form_still_works_as_before(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    client.force_login(team["writer"])
    response = client.post(workflow_url(item), {"action": "submit"})
    assert response.status_code == 302 and not any("belum" in m for m in messages_of(response))
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_a_button_pressed_without_edits_makes_no_new_version(client, team):
    """The editor writes an old body back in its own form; that is not an edit: the press
    runs the step alone (the version counts the step), with no save and no revision."""
    old_body = "<p>Jakarta,\n\tparagraf <b>lama</b>.</p>\n<ul>\n\t<li>satu</li>\n</ul>"
    item = f.article(status=Status.DRAFT, owner=team["unit"], body=old_body)
    client.force_login(team["writer"])
    revisions = Revision.objects.filter(object_id=item.pk)
    before = (item.version, revisions.count())
    data = article_data(item, body=editor_form(old_body), action="submit")
    response = client.post(workflow_url(item), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert item.body == old_body
    assert (item.version, revisions.count()) == (before[0] + 1, before[1])
