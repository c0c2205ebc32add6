"""Previews for staff and share links for people without an account."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ShareLink, Status, TransitionLog
from articles.workflow import revisions, share_links
from tests import factories as f
from units.roles import WRITER

pytestmark = pytest.mark.django_db


def preview_url(item):
    kind = "berita" if item._meta.model_name == "article" else "kegiatan"
    return reverse("editorial:preview", args=[kind, item.pk])


def assert_private(response):
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("make", [f.article, f.event], ids=["article", "event"])
@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.PUBLISHED])
def test_staff_preview_any_state_through_the_public_template(client, team, make, status):
    item = make(status=status, owner=team["unit"], title="Judul pratinjau rahasia")
    client.force_login(team["writer"])
    response = client.get(preview_url(item))
    assert response.status_code == 200
    assert_private(response)
    page = response.content.decode()
    assert "Judul pratinjau rahasia" in page
    assert 'class="preview-banner"' in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response.context["is_preview"] is True
    template = "articles/article_detail.html" if make is f.article else "articles/event_detail.html"
    assert template in [t.name for t in response.templates]


def test_preview_is_for_staff_of_the_owning_unit_only(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    response = client.get(preview_url(item))
    assert response.status_code == 302 and reverse("admin:login") in response.url
    client.force_login(f.user(is_staff=False, units=[team["unit"]], groups=[WRITER]))
    assert client.get(preview_url(item)).status_code == 302
    client.force_login(f.user(units=[f.unit()], groups=[WRITER]))
    assert client.get(preview_url(item)).status_code == 404


def test_share_link_shows_the_pinned_version_to_anyone_until_revoked(client, team):
    article = f.article(status=Status.IN_REVIEW, owner=team["unit"], title="Versi yang dibagikan")
    client.force_login(team["editor"])
    response = client.post(reverse("admin:articles_article_share", args=[article.pk]))
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert link.revision.data["title"] == "Versi yang dibagikan"
    assert TransitionLog.objects.filter(action="share_link", object_id=article.pk).exists()
    url = reverse("editorial:share", args=[share_links.token_for(link)])

    Article = type(article)
    Article.objects.filter(pk=article.pk).update(title="Judul sesudahnya", version=2)
    revisions.record(Article.objects.get(pk=article.pk), team["editor"])
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert_private(response)
    page = response.content.decode()
    assert "Versi yang dibagikan" in page and "Judul sesudahnya" not in page
    assert "Pratinjau terbatas" in page
    assert client.post(url).status_code == 405  # read-only

    client.force_login(team["editor"])
    client.post(reverse("admin:articles_article_revoke", args=[article.pk, link.pk]))
    client.logout()
    response = client.get(url)
    assert response.status_code == 410
    assert "Versi yang dibagikan" not in response.content.decode()
    assert TransitionLog.objects.filter(action="revoke_share_link").count() == 1


def test_share_link_expires(client, team, settings):
    settings.NEWSROOM_SHARE_LINK_DAYS = 7
    event = f.event(status=Status.DRAFT, owner=team["unit"], title="Kegiatan dibagikan")
    link = share_links.create_share_link(event, team["editor"])
    assert timedelta(days=6, hours=23) < link.expires_at - timezone.now() <= timedelta(days=7)
    url = reverse("editorial:share", args=[share_links.token_for(link)])
    assert client.get(url).status_code == 200
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(url)
    assert response.status_code == 410
    assert "Kegiatan dibagikan" not in response.content.decode()


def test_share_token_must_carry_a_valid_signature(client, team):
    link = share_links.create_share_link(
        f.article(status=Status.DRAFT, owner=team["unit"]), team["editor"]
    )
    assert client.get(reverse("editorial:share", args=[link.token.hex])).status_code == 404
    forged = link.token.hex + ":" + "A" * 27
    assert client.get(reverse("editorial:share", args=[forged])).status_code == 404


def test_writers_cannot_make_share_links(client, team):
    article = f.article(status=Status.DRAFT, owner=team["unit"])
    client.force_login(team["writer"])
    response = client.post(reverse("admin:articles_article_share", args=[article.pk]))
    assert response.status_code == 403
    assert not ShareLink.objects.exists()


def test_the_change_page_keeps_each_live_share_link_to_copy_again(client, team):
    article = f.article(status=Status.IN_REVIEW, owner=team["unit"])
    live, revoked, expired = (share_links.create_share_link(article, team["editor"]) for _ in "abc")
    share_links.revoke_share_link(revoked, team["editor"])
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    client.force_login(team["editor"])
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    page = page.decode()
    assert f'value="http://testserver/pratinjau/{share_links.token_for(live)}/"' in page
    for gone in (revoked, expired):
        assert share_links.token_for(gone) not in page
    assert "dicabut" in page and "kedaluwarsa" in page


def test_a_pending_revision_previews_as_its_live_item_will_read(client, team):
    """Same publication time, same corrections at the end, not listed as related to itself."""
    from articles import workflow
    from articles.models import Correction

    live = f.article(owner=team["unit"], title="Judul yang tampil")
    live.tags.set(["vokasi"])
    Correction.objects.create(article=live, text="Ralat nama narasumber.")
    copy = workflow.start_pending_copy(live, team["editor"])
    copy.title = "Judul revisi"
    copy.save()
    link = share_links.create_share_link(copy, team["editor"])
    client.force_login(team["editor"])
    for response in (
        client.get(preview_url(copy)),
        client.get(reverse("editorial:share", args=[share_links.token_for(link)])),
    ):
        page = response.content.decode()
        assert "Judul revisi" in page and "Ralat nama narasumber." in page
        assert "Judul yang tampil" not in page  # not "related" to itself
        assert response.context["article"].publish_at == live.publish_at


def test_sharing_after_a_transition_pins_the_saved_version_without_a_new_one(team):
    from articles import workflow

    article = f.article(status=Status.DRAFT, owner=team["unit"])
    saved = revisions.record(article, team["writer"])
    workflow.submit(article, team["writer"])  # bumps the version, changes no content
    link = share_links.create_share_link(article, team["editor"])
    assert link.revision == saved
    assert revisions.revisions_of(article).count() == 1
    article.title = "Judul baru"
    article.save()
    assert share_links.create_share_link(article, team["editor"]).revision != saved
