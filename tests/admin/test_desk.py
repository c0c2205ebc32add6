"""The desk on the admin index, the editorial calendar and coverage from the agenda."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from taggit.utils import parse_tags

from articles import workflow
from articles.models import Article, EventSpeaker, Status, TransitionLog
from tests import factories as f

pytestmark = pytest.mark.django_db

CALENDAR = reverse("admin:articles_article_calendar")


def desk(client):
    response = client.get(reverse("admin:index"))
    return {s["key"]: s for s in response.context["overview"]}, response.content.decode()


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_writer_sees_the_editors_send_back_note_on_the_desk(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])
    workflow.submit(item, team["writer"])
    workflow.request_changes(item, team["editor"], "Lengkapi nama narasumber di paragraf dua.")

    client.force_login(team["writer"])
    sections, page = desk(client)
    assert sections["sent_back"]["count"] == 1
    row = sections["sent_back"]["items"][0]
    assert row["note"] == "Lengkapi nama narasumber di paragraf dua."
    assert "Lengkapi nama narasumber di paragraf dua." in page
    assert "Agus Prasetyo" in page


def test_each_role_sees_what_waits_for_it_with_counts_and_links(client, team):
    f.article(status=Status.IN_REVIEW, owner=team["unit"], submitted_by=team["writer"])
    f.article(status=Status.APPROVED, owner=team["unit"], title="Siap terbit A")
    f.article(
        status=Status.PUBLISHED, owner=team["unit"], title="Nanti B",
        publish_at=timezone.now() + timedelta(hours=3),
    )  # fmt: skip
    # Five minutes ago, but never before midnight in Jakarta: "today" is a WIB day.
    midnight = timezone.localtime(timezone.now()).replace(hour=0, minute=0, second=0, microsecond=0)
    f.article(status=Status.PUBLISHED, owner=team["unit"], title="Tadi C",
              publish_at=max(timezone.now() - timedelta(minutes=5), midnight))  # fmt: skip
    f.article(status=Status.PUBLISHED, owner=team["unit"], title="Lama D",
              publish_at=timezone.now() - timedelta(days=3))  # fmt: skip

    client.force_login(team["editor"])
    sections, _page = desk(client)
    assert sections["review"]["count"] == 1
    assert sections["to_publish"]["count"] == 0  # publishing is not an editor's job

    client.force_login(team["publisher"])
    sections, page = desk(client)
    assert sections["to_publish"]["count"] == 1
    assert sections["scheduled"]["items"][0]["title"] == "Nanti B"
    assert [row["title"] for row in sections["published"]["items"]] == ["Tadi C"]
    link = sections["to_publish"]["links"][0]["url"]
    assert link.endswith("?status__exact=approved")
    assert client.get(link).status_code == 200


def test_the_desk_costs_the_same_however_much_is_waiting(
    client, team, django_assert_max_num_queries
):
    for _ in range(12):
        f.article(status=Status.CHANGES_REQUESTED, owner=team["unit"], created_by=team["writer"])
    client.force_login(team["writer"])
    with django_assert_max_num_queries(40):
        assert client.get(reverse("admin:index")).status_code == 200


def test_an_editor_assigns_coverage_and_the_writer_finds_it(client, team):
    event = f.event(status=Status.PUBLISHED, owner=team["unit"], title="Rapat Koordinasi Humas")
    speaker = f.speaker("Dr. Siti Rahma")
    EventSpeaker.objects.create(event=event, speaker=speaker, role="narasumber")
    due = timezone.localtime() + timedelta(days=1)

    client.force_login(team["editor"])
    page = client.get(reverse("admin:articles_event_change", args=[event.pk])).content.decode()
    assert "Tugaskan liputan" in page
    response = client.post(
        reverse("admin:articles_event_coverage", args=[event.pk]),
        {"writer": team["writer"].pk, "due_at": due.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    article = Article.objects.get(event=event)
    assert article.status == Status.DRAFT
    assert article.unit == team["unit"] and article.assigned_to == team["writer"]
    assert list(article.speakers.all()) == [speaker]
    assert TransitionLog.objects.filter(object_id=article.pk, action="assign_coverage").exists()

    client.force_login(team["writer"])
    sections, page = desk(client)
    assert [row["title"] for row in sections["assigned"]["items"]] == [article.title]
    assert "Rapat Koordinasi Humas" in page
    calendar = client.get(CALENDAR, {"date": due.date().isoformat()}).content.decode()
    assert "Tenggat liputan" in calendar and article.title in calendar


def test_coverage_is_refused_to_writers_and_to_other_units(client, team):
    event = f.event(status=Status.PUBLISHED, owner=team["unit"])
    due = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("admin:articles_event_coverage", args=[event.pk])
    outsider = f.user(units=[f.unit()], groups=["Kontributor"])

    client.force_login(team["writer"])
    response = client.post(url, {"writer": team["writer"].pk, "due_at": due})
    assert any("Hanya redaktur" in m for m in messages_of(response))
    client.force_login(team["editor"])
    response = client.post(url, {"writer": outsider.pk, "due_at": due})
    assert any("Penulis" in m for m in messages_of(response))
    response = client.post(url, {"writer": team["writer"].pk, "due_at": "besok"})
    assert any("Tenggat" in m for m in messages_of(response))
    client.force_login(team["editor_elsewhere"])
    assert client.post(url, {"writer": team["writer"].pk, "due_at": due}).status_code == 404
    assert not Article.objects.filter(event=event).exists()


def test_the_calendar_shows_the_month_and_the_week_within_the_users_units(client, team):
    soon = timezone.localtime() + timedelta(days=1)
    mine = f.event(status=Status.PUBLISHED, owner=team["unit"], title="Webinar kita",
                   starts_in=timedelta(days=1))  # fmt: skip
    f.event(status=Status.PUBLISHED, title="Webinar unit lain", starts_in=timedelta(days=1))
    client.force_login(team["editor"])
    for view in ("month", "week"):
        page = client.get(CALENDAR, {"view": view, "date": soon.date().isoformat()})
        assert page.status_code == 200
        text = page.content.decode()
        assert mine.title in text and "Webinar unit lain" not in text
    for nonsense in (
        {"date": "99999-99-99"},
        {"unit": "x"},
        {"view": "tahun"},
        {"date": "0001-01-01"},
    ):
        assert client.get(CALENDAR, nonsense).status_code == 200


def test_scheduling_from_the_calendar_follows_the_workflow_rule(client, team):
    item = f.article(status=Status.APPROVED, owner=team["unit"], title="Jadwalkan aku")
    at = timezone.localtime() + timedelta(minutes=2)
    data = {"kind": "berita", "pk": item.pk, "version": item.version,
            "at": at.strftime("%Y-%m-%dT%H:%M")}  # fmt: skip

    client.force_login(team["editor"])  # editors do not publish
    response = client.post(CALENDAR, data)
    assert any("tidak berwenang" in m for m in messages_of(response))
    item.refresh_from_db()
    assert item.status == Status.APPROVED

    client.force_login(team["publisher"])
    page = client.get(CALENDAR).content.decode()
    assert "Disetujui, belum dijadwalkan" in page and "Jadwalkan aku" in page
    response = client.post(CALENDAR, {**data, "at": "2000-01-01T10:00"})
    assert any("waktu terbit yang akan datang" in m for m in messages_of(response))
    response = client.post(CALENDAR, data)
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.is_scheduled
    assert not Article.objects.published().filter(pk=item.pk).exists()
    assert TransitionLog.objects.filter(object_id=item.pk, action="schedule").exists()
    response = client.post(CALENDAR, data)  # the same form again: the item moved on
    assert messages_of(response)


def test_a_new_event_starts_with_the_writers_unit_as_owner_and_organiser(client, team):
    client.force_login(team["writer"])
    form = client.get(reverse("admin:articles_event_add")).context["adminform"].form
    assert form.initial["unit"] == team["unit"].pk
    assert list(form.initial["organisers"]) == [team["unit"].pk]


def test_lists_show_the_status_with_its_time_and_pending_revisions_only_when_open(client, team):
    at = timezone.now() + timedelta(days=2)
    live = f.article(status=Status.PUBLISHED, owner=team["unit"], title="Tayang")
    f.article(status=Status.PUBLISHED, owner=team["unit"], publish_at=at, title="Nanti")
    client.force_login(team["publisher"])
    url = reverse("admin:articles_article_changelist")
    page = client.get(url).content.decode()
    assert "Terjadwal<br>" in page and " WIB</span>" in page
    assert "salinan tertunda" not in page.lower()
    workflow.start_pending_copy(live, team["publisher"])
    page = client.get(url).content.decode()
    assert "Salinan tertunda" in page and "ada salinan tertunda" in page


def test_an_unsaved_form_names_each_field_to_fix(client, team):
    client.force_login(team["writer"])
    response = client.post(reverse("admin:articles_article_add"), {"title": "", "lead": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Belum tersimpan. Periksa isian berikut:" in page
    assert '<a href="#id_title">Judul</a>' in page
    assert '<a href="#id_lead">Teras berita</a>' in page


def test_topics_of_two_words_come_back_without_quotes(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])
    item.tags.add("media sosial", "SMK")
    client.force_login(team["writer"])
    page = client.get(reverse("admin:articles_article_change", args=[item.pk])).content.decode()
    assert 'value="SMK, media sosial"' in page
    assert parse_tags("pendidikan vokasi") == ["pendidikan vokasi"]
    assert parse_tags('SMK, "media sosial",, ') == ["SMK", "media sosial"]


def test_crafted_calendar_posts_are_refused_with_a_message(client, team):
    theirs = f.article(status=Status.APPROVED, owner=f.unit(), title="Milik unit lain")
    at = (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    client.force_login(team["editor_elsewhere"])
    crafted = [
        {"kind": "berita", "pk": theirs.pk, "version": theirs.version, "at": at},
        {"kind": "gambar", "pk": theirs.pk, "version": 1, "at": at},
        {"kind": "berita", "pk": 2**70, "version": 1, "at": at},
        {"kind": "berita", "pk": theirs.pk, "version": 1, "at": "kapan-kapan"},
        {},
    ]
    for data in crafted:
        response = client.post(CALENDAR, data)
        assert response.status_code == 302, data
        assert messages_of(response), data
    theirs.refresh_from_db()
    assert theirs.status == Status.APPROVED
    assert client.get(CALENDAR, {"unit": 2**70}).status_code == 200
    assert client.get(CALENDAR, {"unit": theirs.unit_id}).status_code == 200
    assert "Milik unit lain" not in client.get(CALENDAR, {"unit": theirs.unit_id}).content.decode()


def test_anonymous_visitors_and_staff_without_a_role_never_see_the_calendar(client):
    response = client.get(CALENDAR)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(f.user(groups=()))
    assert client.get(CALENDAR).status_code == 403
    assert client.post(CALENDAR, {}).status_code == 403
