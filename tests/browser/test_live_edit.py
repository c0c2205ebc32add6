"""Scenario 3: a publisher edits a live article; the public keeps the old text until the
change is approved and published."""

import pytest
from playwright.sync_api import expect

from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)


def test_public_keeps_the_old_text_until_the_change_is_published(
    staff, page, live_server, demo, shot
):
    live = Article.objects.published().order_by("-publish_at").first()
    public_url = live_server.url + live.get_absolute_url()
    old_lead = live.lead
    new_lead = "Teras yang diperbarui oleh redaktur pelaksana."

    publisher = staff("pelaksana")
    publisher.goto(f"{live_server.url}/admin/articles/article/{live.pk}/change/")
    publisher.fill("#id_lead", new_lead)
    publisher.locator("input[name=_continue]").click()
    expect(publisher.locator(".messagelist")).to_contain_text("salinan tertunda")
    shot(publisher, "pending copy saved")

    page.goto(public_url)
    expect(page.locator("body")).to_contain_text(old_lead[:60])
    assert new_lead not in page.content()

    # The copy goes through review: submitted by the publisher, approved by an editor.
    publisher.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(publisher.locator(".messagelist")).to_contain_text("Ditinjau")
    revision_url = publisher.url
    editor = staff("redaktur")
    editor.goto(revision_url)
    editor.get_by_role("button", name="Setujui").click()
    expect(editor.locator(".messagelist")).to_contain_text("Disetujui")

    page.goto(public_url)
    assert new_lead not in page.content()
    shot(page, "public still reads the old text")

    publisher.goto(revision_url)
    publisher.get_by_role("button", name="Terbitkan sekarang").click()
    expect(publisher.locator(".messagelist")).to_contain_text("Terbit")

    page.goto(public_url)
    expect(page.locator("body")).to_contain_text(new_lead)
    shot(page, "public reads the new text")
