"""The workflow as staff meet it in the admin: buttons, scope, locks, conflicts and the
editorial overview (live edits, corrections and bulk actions: test_live_edits.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Revision, Status
from tests import factories as f
from tests.admin.forms import article_data, change_url, messages_of, workflow_url

pytestmark = pytest.mark.django_db


def test_writer_adds_an_article_and_it_starts_as_their_draft(client, team):
    client.force_login(team["writer"])
    data = article_data(
        Article(
            unit=team["unit"],
            title="Kelas daring media sosial",
            slug="kelas-daring",
            lead="Teras.",
            body="<p>Isi.</p>",
        )
    )
    data.pop("expected_version")
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="kelas-daring")
    assert (article.status, article.created_by, article.version) == (
        Status.DRAFT,
        team["writer"],
        1,
    )


def test_a_new_article_starts_in_the_writers_unit_credited_to_them(client, team):
    client.force_login(team["writer"])
    form = client.get(reverse("admin:articles_article_add")).context["adminform"].form
    assert form.initial["unit"] == team["unit"].pk
    assert form.initial["writer"] == team["writer"].pk


def test_owner_picker_offers_a_writer_only_their_units(client, team):
    other = f.unit(name="Direktorat Lain")
    query = {"app_label": "articles", "model_name": "article", "field_name": "unit", "term": ""}

    client.force_login(team["writer"])
    offered = [r["id"] for r in client.get("/admin/autocomplete/", query).json()["results"]]
    assert offered == [str(team["unit"].pk)]

    client.force_login(team["publisher"])
    offered = [r["id"] for r in client.get("/admin/autocomplete/", query).json()["results"]]
    assert {str(team["unit"].pk), str(other.pk)} <= set(offered)


def test_writer_lists_only_their_units_items(client, team):
    mine = f.article(status=Status.DRAFT, owner=team["unit"], title="Berita unit sendiri")
    f.article(status=Status.DRAFT, title="Berita unit tetangga")
    copy_of_mine = f.article(
        status=Status.DRAFT,
        owner=team["unit"],
        slug=mine.slug,
        copy_of=f.article(owner=team["unit"]),
        title="Isi salinan yang menunggu",
    )
    client.force_login(team["writer"])
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Berita unit sendiri" in page
    assert "Berita unit tetangga" not in page
    assert "Isi salinan yang menunggu" not in page  # reached from its live item's page
    other = f.article(status=Status.DRAFT)
    assert client.get(change_url(other)).status_code == 302  # admin: "does not exist"
    assert client.get(change_url(copy_of_mine)).status_code == 200


def test_change_page_shows_only_the_buttons_the_viewer_may_press(client, team):
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"], submitted_by=team["writer"])
    client.force_login(team["writer"])
    page = client.get(change_url(item)).content.decode()
    assert 'value="approve"' not in page and 'value="request_changes"' not in page
    assert 'name="_save"' not in page  # read-only for the writer once submitted
    client.force_login(team["editor"])
    page = client.get(change_url(item)).content.decode()
    assert 'value="approve"' in page and 'value="request_changes"' in page
    assert 'value="publish"' not in page
    assert 'name="_save"' in page


def test_buttons_post_through_the_workflow_and_errors_become_messages(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    client.force_login(team["writer"])
    response = client.post(workflow_url(item), {"action": "submit", "comment": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW

    client.force_login(team["editor"])
    response = client.post(workflow_url(item), {"action": "request_changes", "comment": " "})
    assert response.status_code == 302
    assert any("catatan" in m for m in messages_of(response))
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW

    response = client.post(workflow_url(item), {"action": "publish"})
    assert any("berwenang" in m for m in messages_of(response))
    response = client.post(workflow_url(item), {"action": "nonsense"})
    assert any("tidak dikenali" in m for m in messages_of(response))

    client.post(workflow_url(item), {"action": "request_changes", "comment": "Foto kurang"})
    item.refresh_from_db()
    assert item.status == Status.CHANGES_REQUESTED
    page = client.get(change_url(item)).content.decode()
    assert "Foto kurang" in page and "Minta perbaikan" in page  # the log on the page


def test_publisher_schedules_from_the_panel(client, team):
    item = f.article(status=Status.APPROVED, owner=team["unit"])
    client.force_login(team["publisher"])
    client.post(workflow_url(item), {"action": "schedule", "at": "2099-06-25T10:00"})
    item.refresh_from_db()
    assert item.is_scheduled
    assert item.publish_at.isoformat() == "2099-06-25T03:00:00+00:00"  # 10.00 WIB


def test_publish_with_a_time_typed_into_the_panel_schedules_it(client, team):
    """The browser posts every field named `at_0`, `at_1`: the panel must have one each,
    typed the one way of the admin: the day first, a 24-hour WIB time."""
    item = f.article(status=Status.APPROVED, owner=team["unit"])
    client.force_login(team["publisher"])
    page = client.get(change_url(item)).content.decode()
    assert page.count('name="at_0"') == 1 and page.count('name="at_1"') == 1
    assert 'type="datetime-local"' not in page  # the browser's picker wrote US order
    assert "Waktu terbit dalam WIB" in page  # staff in WITA or WIT type Jakarta time

    response = client.post(
        workflow_url(item), {"action": "publish", "at_0": "25-06-2099", "at_1": "10.00"}
    )
    item.refresh_from_db()
    assert item.is_scheduled and not item.is_public
    assert item.publish_at.isoformat() == "2099-06-25T03:00:00+00:00"  # 10.00 WIB
    assert "dijadwalkan terbit" in messages_of(response)[0]


def test_stale_save_is_refused_naming_who_and_when_and_keeps_the_form(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], title="Judul awal")
    opened_at = item.version
    client.force_login(team["editor"])
    assert (
        client.post(change_url(item), article_data(item, title="Judul dari Agus")).status_code
        == 302
    )

    client.force_login(team["writer"])
    response = client.post(
        change_url(item), article_data(item, title="Judul dari Rani", expected_version=opened_at)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Agus Prasetyo" in page and "sudah diubah" in page
    from newsroom.dates import format_when

    item.refresh_from_db()
    assert f"pada {format_when(item.updated_at)} setelah" in page  # "Sabtu, ..., 04.33 WIB"
    assert 'value="Judul dari Rani"' in page  # nothing the writer typed is lost
    item.refresh_from_db()
    assert item.title == "Judul dari Agus"


def test_writer_save_after_submission_is_refused_with_the_form_kept(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    client.force_login(team["writer"])
    opened = article_data(item, title="Perubahan terlambat")
    client.post(workflow_url(item), {"action": "submit"})
    item.refresh_from_db()
    response = client.post(change_url(item), {**opened, "expected_version": item.version})
    assert response.status_code == 200
    assert "tidak dapat Anda ubah" in response.content.decode()
    item.refresh_from_db()
    assert item.title != "Perubahan terlambat"


def test_a_locked_writer_reads_the_body_formatted_not_as_html_source(client, team):
    item = f.article(
        status=Status.IN_REVIEW, owner=team["unit"], body="<p>Isi <strong>tebal</strong></p>"
    )
    client.force_login(team["writer"])
    page = client.get(change_url(item)).content.decode()
    assert "<strong>tebal</strong>" in page
    assert "&lt;strong&gt;" not in page


def test_admin_index_shows_what_waits_on_each_user(client, team, django_assert_max_num_queries):
    f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"], title="Draf A")
    f.article(
        status=Status.CHANGES_REQUESTED,
        owner=team["unit"],
        submitted_by=team["writer"],
        title="Kembali B",
    )
    f.event(
        status=Status.IN_REVIEW, owner=team["unit"], submitted_by=team["writer"], title="Tinjau C"
    )
    f.article(status=Status.IN_REVIEW, owner=f.unit(), title="Unit lain D")

    client.force_login(team["writer"])
    overview = {s["key"]: s for s in client.get(reverse("admin:index")).context["overview"]}
    assert overview["drafts"]["count"] == 1 and overview["sent_back"]["count"] == 1
    assert overview["review"]["count"] == 0

    client.force_login(team["editor"])
    with django_assert_max_num_queries(40):
        response = client.get(reverse("admin:index"))
    page = response.content.decode()
    overview = {s["key"]: s for s in response.context["overview"]}
    assert overview["review"]["count"] == 1
    assert "Tinjau C" in page and "Unit lain D" not in page


def test_writer_cannot_hand_content_to_a_unit_they_do_not_belong_to(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    elsewhere = f.unit()
    client.force_login(team["writer"])
    response = client.post(change_url(item), article_data(item, unit=elsewhere.pk))
    assert response.status_code == 200
    assert "unit kerja Anda" in response.content.decode()
    item.refresh_from_db()
    assert item.unit == team["unit"]


@pytest.mark.usefixtures("local_cache")  # the list keeps its count in the cache
def test_changelist_queries_do_not_grow_with_the_number_of_items(client, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(team["editor"])
    url = reverse("admin:articles_article_changelist")
    counts = []
    for _ in range(2):
        for _ in range(5):
            f.article(status=Status.DRAFT, owner=team["unit"])
        client.get(url)  # warm the session and content types
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_review_list_leaves_out_what_the_editor_submitted_before(client, team):
    """A colleague's resubmission does not put an editor's own piece in their review queue."""
    from articles import workflow

    item = f.article(status=Status.DRAFT, owner=team["unit"], title="Tulisan Agus sendiri")
    workflow.submit(item, team["editor"])
    workflow.request_changes(item, team["editor2"], "Tambah foto.")
    workflow.resubmit(item, team["writer"])

    client.force_login(team["editor"])
    overview = {s["key"]: s for s in client.get(reverse("admin:index")).context["overview"]}
    assert overview["review"]["count"] == 0
    client.force_login(team["editor2"])
    overview = {s["key"]: s for s in client.get(reverse("admin:index")).context["overview"]}
    assert [row["title"] for row in overview["review"]["items"]] == ["Tulisan Agus sendiri"]


def test_nobody_approves_a_version_they_have_not_seen(client, team):
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"], submitted_by=team["writer"])
    client.force_login(team["editor2"])
    page = client.get(change_url(item)).content.decode()
    seen = item.version
    assert f'name="version" value="{seen}"' in page

    client.force_login(team["editor"])  # copy-edits while the other editor reads
    client.post(change_url(item), article_data(item, title="Judul disunting Agus"))
    item.refresh_from_db()

    client.force_login(team["editor2"])
    response = client.post(workflow_url(item), {"action": "approve", "version": seen})
    assert any("Agus Prasetyo" in m and "Baca versi terbaru" in m for m in messages_of(response))
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    client.post(workflow_url(item), {"action": "approve", "version": item.version})
    item.refresh_from_db()
    assert item.status == Status.APPROVED


def test_the_panel_sits_below_the_page_tools_and_above_the_form(client, team):
    """The admin floats its tools up into whatever comes first; the panel must not be it."""
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    client.force_login(team["writer"])
    page = client.get(change_url(item)).content.decode()
    tools, panel, form = (
        page.index('class="object-tools"'),
        page.index('class="workflow-panel"'),
        page.index('id="article_form"'),
    )
    assert tools < panel < form
    assert "clear:both" in page[page.index(".workflow-history{") :][:40]


def test_view_on_site_only_for_what_the_public_can_open(client, team):
    live = f.article(owner=team["unit"])
    draft = f.article(status=Status.DRAFT, owner=team["unit"])
    scheduled = f.article(owner=team["unit"], publish_at=timezone.now() + timedelta(hours=1))
    client.force_login(team["editor"])
    on_site = 'class="viewsitelink"'
    assert on_site in client.get(change_url(live)).content.decode()
    for item in (draft, scheduled):
        page = client.get(change_url(item)).content.decode()
        assert on_site not in page
        assert reverse("editorial:preview", args=["berita", item.pk]) in page


def test_what_was_once_public_is_withdrawn_not_deleted(client, team):
    from articles import workflow

    live = f.article(status=Status.APPROVED, owner=team["unit"])
    workflow.publish(live, team["publisher"])
    draft = f.article(status=Status.DRAFT, owner=team["unit"])
    client.force_login(team["publisher"])
    delete = lambda item: reverse("admin:articles_article_delete", args=[item.pk])  # noqa: E731
    assert 'class="deletelink"' not in client.get(change_url(live)).content.decode()
    assert client.post(delete(live), {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [live.pk], "post": "yes"},
    )
    assert Article.objects.filter(pk=live.pk).exists()
    assert client.post(delete(draft), {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_a_new_item_is_saved_and_submitted_in_one_press(client, team):
    client.force_login(team["writer"])
    add = reverse("admin:articles_article_add")
    assert "Simpan dan ajukan untuk ditinjau" in client.get(add).content.decode()
    blank = Article(unit=team["unit"], section="berita", title="", slug="", body="")
    data = article_data(
        blank,
        title="Kelas Daring Media Sosial",
        slug="kelas-daring-media-sosial",
        lead="Kelas daring pengelolaan media sosial untuk satuan kerja.",
        body="<p>Isi berita.</p>",
        _submit_for_review="1",
    )
    del data["expected_version"]
    response = client.post(add, data)
    story = Article.objects.get(slug="kelas-daring-media-sosial")
    assert response.status_code == 302 and response.url.endswith(f"/{story.pk}/change/")
    assert story.status == Status.IN_REVIEW and story.submitted_by == team["writer"]
    assert Revision.objects.filter(object_id=story.pk).count() == 1
