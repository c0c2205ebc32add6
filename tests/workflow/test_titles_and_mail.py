"""A title is one line whatever path saved it, and workflow e-mail never fails silently."""

import pytest
from django.core import mail
from django.urls import reverse

from articles import workflow
from articles.models import Article, Status
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("make", [f.article, f.event])
def test_every_save_path_keeps_a_title_on_one_line(make):
    item = make(status=Status.DRAFT, title="Judul\r\nbaris  kedua\tdan\u00a0tab ")
    item.refresh_from_db()
    assert item.title == "Judul baris kedua dan tab"

    item.title = "Lagi\nberubah"
    item.full_clean()
    assert item.title == "Lagi berubah"


def test_a_raw_post_with_a_line_break_saves_one_line_and_mail_goes_out(
    client, team, django_capture_on_commit_callbacks
):
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])
    client.force_login(team["writer"])
    url = reverse("admin:articles_article_change", args=[item.pk])
    data = f.admin_form_data(client.get(url))
    data["title"] = ["Judul dengan\r\nbaris baru"]
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.title == "Judul dengan baris baru"

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(item, team["writer"])

    assert len(mail.outbox) == 2
    assert all("Judul dengan baris baru" in message.subject for message in mail.outbox)


def test_an_old_row_with_a_line_break_still_gets_its_mail(team, django_capture_on_commit_callbacks):
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    Article.objects.filter(pk=item.pk).update(title="Baris satu\nbaris dua")  # before this fix
    item.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(item, team["writer"])
    assert [m.subject for m in mail.outbox] == [
        "[Redaksi] Menunggu tinjauan: Baris satu baris dua"
    ] * 2
