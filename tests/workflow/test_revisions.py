"""Every content save is kept; editors compare two versions and restore an old one."""

import pytest
from django.urls import reverse

from articles.models import Article, Status
from articles.workflow import diff, revisions
from tests import factories as f
from tests.admin.forms import article_data, change_url, messages_of

pytestmark = pytest.mark.django_db


def save(client, item, **changes):
    item.refresh_from_db()
    response = client.post(change_url(item), article_data(item, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()


def test_each_save_is_a_revision_and_two_can_be_compared(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], lead="Peserta kelas 34 orang.")
    client.force_login(team["writer"])
    save(client, item, lead="Peserta kelas 43 orang.", tags="media sosial, vokasi")
    save(client, item, title="Judul kedua")
    history = list(revisions.revisions_of(item))
    assert [r.version for r in history] == [3, 2]
    assert history[1].data["lead"] == "Peserta kelas 43 orang."

    client.force_login(team["editor"])
    url = reverse("admin:articles_article_revisions", args=[item.pk])
    response = client.get(url)  # newest two by default
    assert [row["name"] for row in response.context["rows"]] == ["title"]

    first = revisions.record(Article.objects.get(pk=item.pk), team["editor"])
    first_data = {**first.data, "lead": "Peserta kelas 34 orang.", "tags": []}
    rows = diff.compare(Article, first_data, history[1].data)
    by_name = {row["name"]: row for row in rows}
    assert set(by_name) == {"lead", "tags", "title"}
    assert "<del>34</del> <ins>43</ins>" in str(by_name["lead"]["diff"])
    assert by_name["tags"]["new"] == "media sosial, vokasi"

    page = client.get(url, {"a": history[1].pk, "b": history[0].pk}).content.decode()
    assert "<del>" in page and "Judul kedua" in page


def test_restore_an_old_version_as_a_new_draft_version(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], title="Judul pertama")
    client.force_login(team["writer"])
    save(client, item, title="Judul pertama", tags="vokasi")
    old = revisions.revisions_of(item).first()
    save(client, item, title="Judul yang keliru", tags="")
    response = client.post(reverse("admin:articles_article_restore", args=[item.pk, old.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, list(item.tags.names()), item.version) == ("Judul pertama", ["vokasi"], 4)
    assert revisions.revisions_of(item).first().version == 4


def test_restore_on_a_live_article_goes_to_a_pending_revision(client, team):
    live = f.article(owner=team["unit"], title="Judul tayang")
    old = revisions.record(live, team["editor"])
    Article.objects.filter(pk=live.pk).update(title="Judul tayang kini")
    client.force_login(team["editor"])
    response = client.post(reverse("admin:articles_article_restore", args=[live.pk, old.pk]))
    copy = Article.objects.get(copy_of=live)
    assert response.url == change_url(copy)
    assert copy.title == "Judul tayang"
    live.refresh_from_db()
    assert live.title == "Judul tayang kini"


def test_writer_cannot_restore_into_an_item_under_review(client, team):
    item = f.article(status=Status.IN_REVIEW, owner=team["unit"], title="Dalam tinjauan")
    old = revisions.record(item, team["writer"])
    client.force_login(team["writer"])
    response = client.post(reverse("admin:articles_article_restore", args=[item.pk, old.pk]))
    assert any("kembalikan ke draf" in m for m in messages_of(response))
    item.refresh_from_db()
    assert item.version == 1


def test_a_changed_time_reads_as_on_the_portal(team):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from articles.models import Event

    item = f.event(status=Status.DRAFT, owner=team["unit"])
    old = revisions.snapshot(item)
    item.starts_at = datetime(2020, 6, 25, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    rows = {row["name"]: row for row in diff.compare(Event, old, revisions.snapshot(item))}
    assert rows["starts_at"]["new"] == "Kamis, 25 Juni 2020, 10.00 WIB"
