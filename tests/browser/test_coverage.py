"""Scenario 5: an editor assigns coverage of an event; the writer finds it on the desk."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Event, Status
from newsroom.dates import wib

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_assigns_coverage_and_the_writer_finds_it_on_the_desk(staff, demo, shot):
    writer = get_user_model().objects.get(username="penulis")
    event = (
        Event.objects.filter(unit__staff__user=writer, copy_of__isnull=True)
        .exclude(status=Status.WITHDRAWN)
        .order_by("starts_at")
        .first()
    )
    due = wib(timezone.now() + timedelta(days=1))

    editor = staff("redaktur")
    editor.goto(editor.url.replace("/admin/", f"/admin/articles/event/{event.pk}/change/"))
    panel = editor.locator(".coverage-panel")
    panel.get_by_label("Penulis").select_option(str(writer.pk))
    panel.get_by_label("Tenggat naskah (WIB)").fill(due.strftime("%d-%m-%Y"))  # day first
    panel.locator("input.vTimeField").fill(due.strftime("%H.%M"))
    panel.get_by_role("button", name="Tugaskan liputan").click()
    expect(editor.locator(".messagelist")).to_contain_text("ditugaskan kepada")
    expect(editor.locator(".coverage-panel")).to_contain_text("Liputan: ")
    shot(editor, "coverage assigned")

    article = Article.objects.get(event=event, assigned_to=writer)
    assert article.status == Status.DRAFT and article.unit_id == event.unit_id

    desk = staff("penulis")
    assigned = desk.locator("#overview-assigned")
    expect(assigned).to_contain_text(article.title)
    expect(assigned).to_contain_text(event.title)
    shot(desk, "the writer's desk")
    assigned.get_by_role("link", name=article.title).click()
    expect(desk.locator("#id_title")).to_have_value(article.title)

    desk.goto(
        desk.url.split("/admin/")[0]
        + f"/admin/articles/article/kalender/?view=week&date={due.date()}"
    )
    expect(desk.locator(".cal-day li.coverage")).to_contain_text(article.title)
    shot(desk, "the coverage on the calendar")
