"""Only what the public sees moves the cached pages (articles/models/public_reads.py).

Every staff write a reader cannot see leaves every stored page a hit; publishing,
correcting and withdrawing reach readers at the next request.
"""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_tasks import task

from articles import workflow
from articles.models import Article, Correction, Status, freshness, public_reads
from articles.workflow import share_links
from outreach.mail import outbox
from outreach.models import Subscriber
from tests import factories as f
from tests.admin.forms import article_data, change_url, workflow_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@task()
def _a_background_task():
    return "selesai"


@pytest.fixture
def site(client, team):
    """A public site with a live article, and every public page of it stored."""
    live = f.article(owner=team["unit"], title="Kabar yang sudah terbit")
    live.tags.add("Vokasi")
    # Published as the workflow does it: the public saw it from its publish time on.
    Article.objects.filter(pk=live.pk).update(first_published_at=live.publish_at)
    pages = [
        "/",
        live.get_absolute_url(),
        "/rubrik/berita/",
        "/topik/vokasi/",
        team["unit"].get_absolute_url(),
        "/feed/rss/",
        "/feed.json",
        "/sitemap.xml",
        "/agenda.ics",
        "/cari/?q=kabar",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    return {"live": live, "pages": pages, "token": freshness.current()[0]}


def assert_still_cached(client, site):
    assert freshness.current()[0] == site["token"]
    for url in site["pages"]:
        assert client.get(url)["X-Cache"] == "HIT", url


def assert_moved(client, site, must_show=None, must_hide=None):
    response = client.get("/")
    assert response["X-Cache"] == "MISS"
    html = response.content.decode()
    assert must_show is None or must_show in html
    assert must_hide is None or must_hide not in html


def staff_client(user):
    staff = Client()
    staff.force_login(user)
    return staff


def test_the_workflow_of_a_draft_moves_no_cached_page(client, site, team):
    writer = staff_client(team["writer"])
    draft = f.article(status=Status.DRAFT, owner=team["unit"], title="Draf pertama")
    assert_still_cached(client, site)  # a draft created

    response = writer.post(change_url(draft), article_data(draft, title="Draf kedua", tags="a"))
    assert response.status_code == 302
    assert_still_cached(client, site)  # a draft saved: a revision, its tags

    workflow.submit(draft, team["writer"])
    workflow.request_changes(draft, team["editor"], "Perbaiki paragraf kedua.")
    workflow.resubmit(draft, team["writer"])
    workflow.approve(draft, team["editor2"])
    assert_still_cached(client, site)  # review steps and their comments

    share_links.create_share_link(Article.objects.get(pk=draft.pk), team["editor"])
    assert_still_cached(client, site)  # a share link

    workflow.publish(Article.objects.get(pk=draft.pk), team["publisher"])
    assert_moved(client, site, must_show="Draf kedua")


def test_a_pending_copy_of_a_live_article_moves_nothing_until_it_is_published(client, site, team):
    live = site["live"]
    editor = staff_client(team["editor"])
    response = editor.post(change_url(live), article_data(live, title="Judul baru", tags="b"))
    copy = Article.objects.get(copy_of=live)
    assert response.status_code == 302
    response = editor.post(change_url(copy), article_data(copy, title="Judul lebih baru"))
    assert response.status_code == 302
    editor.post(workflow_url(copy), {"action": "submit"})
    staff_client(team["editor2"]).post(workflow_url(copy), {"action": "approve"})
    assert Article.objects.get(pk=copy.pk).status == Status.APPROVED
    assert_still_cached(client, site)

    # The correction reaches readers: the copy merged into the live article.
    staff_client(team["publisher"]).post(workflow_url(copy), {"action": "publish"})
    assert_moved(client, site, must_show="Judul lebih baru")


def test_logins_accounts_mail_and_tasks_move_no_cached_page(client, site, team):
    user = get_user_model().objects.get(pk=team["writer"].pk)
    login = {"username": user.username, "password": "rahasia-uji-123", "next": "/admin/"}
    assert Client().post("/admin/login/", login).status_code == 302
    user.refresh_from_db()
    assert user.last_login is not None  # the login wrote to the user's row
    user.set_password("kata-sandi-baru-456")
    user.save()
    f.user("baru", units=[team["unit"]])
    f.image()  # a picture uploaded to the library, shown nowhere yet
    f.speaker("Narasumber Baru")  # not yet on any page
    outbox.queue(
        kind="uji",
        key="uji-1",
        to="guru@example.test",
        template="staff_step",
        context={
            "subject": "Uji",
            "name": "Guru",
            "actor": "Budi",
            "action_label": "Kirim",
            "title": "Kabar",
            "status": "Draf",
            "url": "https://example.test/",
        },
    )
    _a_background_task.enqueue()
    reader = Subscriber.objects.create(
        email="pembaca@example.test", consent_at=timezone.now(), consent_text="Setuju."
    )
    reader.subscriptions.create(kind="all")
    assert_still_cached(client, site)


def test_publishing_a_correction_and_withdrawing_move_the_pages(client, site, team):
    live = site["live"]
    Correction.objects.create(article=live, text="Jumlah peserta diperbaiki.")
    page = client.get(live.get_absolute_url())
    assert page["X-Cache"] == "MISS"
    assert "Jumlah peserta diperbaiki." in page.content.decode()

    workflow.withdraw(Article.objects.get(pk=live.pk), team["publisher"], "Salah data")
    assert_moved(client, site, must_hide=live.slug)
    assert client.get(live.get_absolute_url()).status_code == 410


def test_a_renamed_writer_moves_the_pages_and_a_new_password_does_not(client, site, team):
    writer = get_user_model().objects.get(pk=team["writer"].pk)
    writer.email = "rani.baru@example.test"
    writer.save()
    assert_still_cached(client, site)
    writer.last_name = "Wulandari"
    writer.save()
    assert freshness.current()[0] != site["token"]


def test_every_model_where_public_pages_read_is_classified():
    """A new model in articles, units or taggit must say whether readers see it."""
    unclassified = [
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if public_reads.decided(model) and not public_reads.classified(model)
    ]
    assert unclassified == []


SURFACES = ["/", "/feed/rss/", "/feed/atom/", "/feed.json", "/agenda.ics", "/sitemap.xml"]


@pytest.mark.parametrize("url", [*SURFACES, "/news-sitemap.xml", "/robots.txt"])
def test_no_shared_cache_may_keep_a_public_answer_longer_than_a_second(client, url):
    f.article()
    f.event()
    response = client.get(url)
    assert response.status_code == 200
    control = dict(
        part.strip().partition("=")[::2] for part in response["Cache-Control"].split(",")
    )
    assert "public" in control and int(control["max-age"]) <= 1


def test_the_shipped_nginx_keeps_nothing_longer_and_never_hands_out_a_stale_copy_to_save_time():
    config = (settings.BASE_DIR / "deploy" / "nginx" / "newsroom.conf").read_text()
    lifetimes = re.findall(r"^\s*proxy_cache_valid\s+[^;]*?(\d+)s;", config, re.M)
    assert lifetimes and all(int(seconds) <= 1 for seconds in lifetimes)
    stale = re.search(r"^\s*proxy_cache_use_stale\s+([^;]*);", config, re.M).group(1)
    assert "updating" not in stale.split()
