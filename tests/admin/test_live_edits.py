"""Edits of live content wait in a pending copy; corrections are logged; bulk actions go
through the workflow."""

import pytest
from django.urls import reverse

from articles.models import Article, Correction, Event, Status, TransitionLog
from tests import factories as f
from tests.admin.forms import article_data, change_url, workflow_url

pytestmark = pytest.mark.django_db


def test_editing_a_published_article_creates_a_pending_revision(client, team):
    live = f.article(owner=team["unit"], title="Judul terbit")
    client.force_login(team["editor"])
    response = client.post(
        change_url(live), article_data(live, title="Judul diperbaiki", tags="vokasi")
    )
    copy = Article.objects.get(copy_of=live)
    assert response.status_code == 302 and response.url == change_url(copy)
    live.refresh_from_db()
    assert live.title == "Judul terbit" and live.version == 1
    assert (copy.title, list(copy.tags.names()), copy.status) == (
        "Judul diperbaiki",
        ["vokasi"],
        Status.DRAFT,
    )
    assert client.get(live.get_absolute_url()).content.decode().count("Judul terbit") >= 1

    # The live page now points to the copy and no longer takes content edits.
    page = client.get(change_url(live)).content.decode()
    assert change_url(copy) in page
    response = client.post(change_url(live), article_data(live, title="Edit kedua"))
    assert Article.objects.filter(copy_of=live).count() == 1
    live.refresh_from_db()
    assert live.title == "Judul terbit"

    client.post(workflow_url(copy), {"action": "submit"})
    client.force_login(team["editor2"])
    client.post(workflow_url(copy), {"action": "approve"})
    client.force_login(team["publisher"])
    response = client.post(workflow_url(copy), {"action": "publish"})
    assert response.url == change_url(live)
    live.refresh_from_db()
    assert live.title == "Judul diperbaiki"
    assert "Judul diperbaiki" in client.get(live.get_absolute_url()).content.decode()


def test_editing_a_published_event_moves_its_speakers_to_the_revision(client, team):
    a, b = f.speaker(), f.speaker()
    live = f.event(owner=team["unit"])
    row = live.event_speakers.create(speaker=a, role="narasumber", order=1)
    data = {
        "title": "Kelas daring baru",
        "slug": live.slug,
        "kind": live.kind,
        "mode": live.mode,
        "unit": live.unit_id,
        "starts_at_0": live.starts_at.strftime("%d/%m/%Y"),
        "starts_at_1": "10:00",
        "ends_at_0": live.ends_at.strftime("%d/%m/%Y"),
        "ends_at_1": "12:00",
        "platform": "Zoom",
        "expected_version": live.version,
        "event_speakers-TOTAL_FORMS": 2,
        "event_speakers-INITIAL_FORMS": 1,
        "event_speakers-MIN_NUM_FORMS": 0,
        "event_speakers-MAX_NUM_FORMS": 1000,
        "event_speakers-0-id": row.pk,
        "event_speakers-0-event": live.pk,
        "event_speakers-0-speaker": a.pk,
        "event_speakers-0-role": "narasumber",
        "event_speakers-0-order": 1,
        "event_speakers-0-DELETE": "on",
        "event_speakers-1-event": live.pk,
        "event_speakers-1-speaker": b.pk,
        "event_speakers-1-role": "moderator",
        "event_speakers-1-order": 2,
    }
    client.force_login(team["editor"])
    response = client.post(change_url(live), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    copy = Event.objects.get(copy_of=live)
    assert list(copy.event_speakers.values_list("speaker", "role")) == [(b.pk, "moderator")]
    assert list(live.event_speakers.values_list("speaker", "role")) == [(a.pk, "narasumber")]
    assert copy.title == "Kelas daring baru"
    live.refresh_from_db()
    assert live.title != "Kelas daring baru"


def test_editor_adds_a_correction_and_the_article_counts_as_modified(client, team):
    live = f.article(owner=team["unit"])
    before = live.updated_at
    client.force_login(team["editor"])
    data = article_data(
        live,
        **{
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-noted_at_0": "26/06/2020",
            "corrections-0-noted_at_1": "09:00",
            "corrections-0-text": "Jumlah peserta semula tertulis 34; yang benar 43.",
        },
    )
    response = client.post(change_url(live), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    correction = Correction.objects.get(article=live)
    assert correction.created_by == team["editor"]
    live.refresh_from_db()
    assert live.updated_at > before
    assert not Article.objects.filter(copy_of=live).exists()  # a note, not a content edit

    page = client.get(change_url(live)).content.decode()
    assert 'id="corrections-group"' in page
    client.force_login(team["writer"])  # writers do not add or change corrections
    assert 'id="corrections-group"' not in client.get(change_url(live)).content.decode()


def test_every_change_to_a_correction_is_on_the_items_log(client, team):
    live = f.article(owner=team["unit"])
    note = Correction.objects.create(article=live, text="Nama narasumber salah ketik.")
    client.force_login(team["editor"])
    formset = {
        "corrections-TOTAL_FORMS": 1,
        "corrections-INITIAL_FORMS": 1,
        "corrections-0-id": note.pk,
        "corrections-0-article": live.pk,
        "corrections-0-noted_at_0": "26/06/2020",
        "corrections-0-noted_at_1": "09:00",
        "corrections-0-text": "Nama narasumber yang benar: Novan Putranto.",
    }
    response = client.post(change_url(live), article_data(live, **formset))
    assert response.status_code == 302, response.context["adminform"].form.errors
    live.refresh_from_db()
    client.post(change_url(live), article_data(live, **formset, **{"corrections-0-DELETE": "on"}))
    assert not Correction.objects.filter(article=live).exists()
    log = list(
        TransitionLog.objects.filter(object_id=live.pk).values_list("action", "actor", "comment")
    )
    assert [(action, actor) for action, actor, _comment in log] == [
        ("change_correction", team["editor"].pk),
        ("delete_correction", team["editor"].pk),
    ]
    assert "Jumat, 26 Juni 2020, 09.00 WIB: Nama narasumber yang benar" in log[0][2]
    page = client.get(change_url(live)).content.decode()
    assert "Ralat diubah" in page and "Ralat dihapus" in page


def test_bulk_actions_go_through_the_workflow(client, team):
    ok = f.article(status=Status.DRAFT, owner=team["unit"])
    wrong_state = f.article(status=Status.APPROVED, owner=team["unit"], title="Sudah disetujui")
    client.force_login(team["writer"])
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "submit_selected", "_selected_action": [ok.pk, wrong_state.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Sudah disetujui" in page and "tidak dapat dilakukan" in page
    ok.refresh_from_db()
    wrong_state.refresh_from_db()
    assert (ok.status, wrong_state.status) == (Status.IN_REVIEW, Status.APPROVED)
    assert TransitionLog.objects.filter(action="submit").count() == 1
    actions = client.get(reverse("admin:articles_article_changelist")).context["action_form"]
    assert "approve_selected" not in str(actions)  # writers are not offered approval


def test_bulk_submit_also_resubmits_sent_back_items(client, team):
    draft = f.article(status=Status.DRAFT, owner=team["unit"])
    sent_back = f.article(status=Status.CHANGES_REQUESTED, owner=team["unit"])
    client.force_login(team["writer"])
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "submit_selected", "_selected_action": [draft.pk, sent_back.pk]},
    )
    log = dict(TransitionLog.objects.values_list("object_id", "action"))
    assert log == {draft.pk: "submit", sent_back.pk: "resubmit"}
