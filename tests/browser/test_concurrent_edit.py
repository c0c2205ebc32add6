"""Scenario 4: two editors open the same draft; the second save is refused with a clear
message, and their text is still on their screen to copy."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Article, Status
from units.models import WorkUnit

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_second_save_is_refused_and_keeps_the_text(staff, live_server, demo, shot):
    writer = get_user_model().objects.get(username="penulis")
    draft = Article.objects.create(
        title="Rapat Persiapan Pameran Vokasi",
        slug="rapat-persiapan-pameran-vokasi",
        unit=WorkUnit.objects.filter(staff__user=writer).first(),
        lead="Rapat persiapan pameran vokasi digelar.",
        body="<p>Isi awal.</p>",
        created_by=writer,
        status=Status.IN_REVIEW,
        submitted_by=writer,
    )
    url = f"{live_server.url}/admin/articles/article/{draft.pk}/change/"
    first, second = staff("redaktur"), staff("redaktur2")
    first.goto(url)
    second.goto(url)

    first.fill("#id_lead", "Teras dari redaktur pertama.")
    first.locator("input[name=_continue]").click()
    expect(first.locator(".messagelist")).to_be_visible()

    mine = "Teras dari redaktur kedua, yang tidak boleh hilang."
    second.fill("#id_lead", mine)
    second.locator("input[name=_continue]").click()
    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    expect(second.locator("body")).to_contain_text("setelah Anda membukanya")
    expect(second.locator("#id_lead")).to_have_value(mine)
    shot(second, "second save refused, text kept")

    draft.refresh_from_db()
    assert draft.lead == "Teras dari redaktur pertama."
