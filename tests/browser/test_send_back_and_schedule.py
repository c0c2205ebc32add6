"""Scenario 2: an editor sends a story back with a comment; the writer reads it on the
desk, fixes, saves and resubmits; another editor approves; the publisher schedules it two
minutes ahead from the calendar; an anonymous visitor does not see it until its time,
then finds it on the home page, the unit page, the tag page, the feed and search.

The clock is moved honestly instead of waiting two minutes: once scheduled, the row's
publish time is set to a moment just past, as if the time had come."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, Status, freshness
from newsroom.dates import wib
from units.models import WorkUnit

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Bengkel Otomotif SMK Raih Sertifikasi Industri"


def _submitted_story():
    writer = get_user_model().objects.get(username="penulis")
    unit = WorkUnit.objects.filter(staff__user=writer).first()
    story = Article.objects.create(
        title=TITLE,
        slug="bengkel-otomotif-smk-sertifikasi",
        unit=unit,
        lead="Bengkel otomotif SMK meraih sertifikasi industri.",
        body="<p>Sertifikasi diberikan setelah audit tiga bulan.</p>",
        created_by=writer,
        writer=writer,
    )
    story.tags.add("bengkel sekolah")
    workflow.submit(story, writer)
    return story


def test_send_back_fix_approve_schedule_and_go_live(staff, page, live_server, demo, shot):
    story = _submitted_story()
    base = live_server.url

    editor = staff("redaktur")
    editor.get_by_role("link", name=TITLE).first.click()
    editor.fill("#id_workflow_comment", "Sebutkan nama lembaga sertifikasinya di teras.")
    editor.get_by_role("button", name="Minta perbaikan").click()
    expect(editor.locator(".messagelist")).to_contain_text("Perlu perbaikan")
    shot(editor, "editor sent it back")

    writer = staff("penulis")
    note = writer.locator("#overview-sent_back")
    expect(note).to_contain_text("Sebutkan nama lembaga sertifikasinya di teras.")
    shot(writer, "writer reads the note on the desk")
    note.get_by_role("link", name=TITLE).click()
    writer.fill("#id_lead", "Bengkel otomotif SMK meraih sertifikasi dari LSP Otomotif.")
    writer.locator("input[name=_continue]").click()
    expect(writer.locator(".messagelist")).to_be_visible()
    writer.get_by_role("button", name="Ajukan ulang").click()
    expect(writer.locator(".messagelist")).to_contain_text("Ditinjau")
    shot(writer, "writer resubmitted")

    second_editor = staff("redaktur2")
    second_editor.locator("#overview-review").get_by_role("link", name=TITLE).click()
    second_editor.get_by_role("button", name="Setujui").click()
    expect(second_editor.locator(".messagelist")).to_contain_text("Disetujui")

    publisher = staff("pelaksana")
    publisher.get_by_role("link", name="Kalender redaksi").click()
    row = publisher.locator(".cal-waiting li", has_text=TITLE)
    at = wib(timezone.now() + timedelta(minutes=2))
    row.locator("input.vDateField").fill(at.strftime("%d-%m-%Y"))  # day first, WIB clock
    row.locator("input.vTimeField").fill(at.strftime("%H.%M"))
    row.get_by_role("button", name="Jadwalkan terbit").click()
    expect(publisher.locator(".messagelist")).to_contain_text("dijadwalkan terbit")
    expect(publisher.locator(".cal-day", has_text=TITLE)).to_contain_text("Terjadwal")
    shot(publisher, "scheduled from the calendar")
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED and story.is_scheduled
    assert story.lead.endswith("LSP Otomotif.")

    unit_url = f"{base}/unit/{story.unit.slug}/"
    tag_url = f"{base}/topik/bengkel-sekolah/"
    article_url = f"{base}{story.get_absolute_url()}"
    assert page.goto(article_url).status == 404
    for url in (f"{base}/", unit_url, f"{base}/cari/?q=bengkel"):
        page.goto(url)
        assert TITLE not in page.content(), url
    assert TITLE not in page.request.get(f"{base}/feed/rss/").text()
    shot(page, "not yet public")

    # The two minutes pass: the publish time is now behind us, and the page cache's next
    # due moment (that publish time) has come, as it would have by waiting.
    Article.objects.filter(pk=story.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    freshness.bump()

    assert page.goto(article_url).status == 200
    expect(page.locator("h1")).to_contain_text(TITLE)
    shot(page, "the story is public")
    for url in (f"{base}/", unit_url, tag_url, f"{base}/cari/?q=bengkel"):
        response = page.goto(url)
        assert response.status == 200, url
        assert TITLE in page.content(), url
    feed = page.request.get(f"{base}/feed/rss/")
    assert feed.status == 200 and TITLE in feed.text(), feed.headers
    shot(page, "found by search")
