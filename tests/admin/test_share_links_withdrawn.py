"""Withdrawing an item withdraws its share links: nobody keeps reading it through them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import ShareLink, Status
from articles.workflow import share_links
from tests import factories as f

pytestmark = pytest.mark.django_db


def share_url(link):
    return reverse("editorial:share", args=[share_links.token_for(link)])


@pytest.mark.parametrize("make", [f.article, f.event])
def test_withdrawal_ends_every_share_link_of_the_item(client, team, make):
    item = make(status=Status.APPROVED, owner=team["unit"], title="Isi yang akan ditarik")
    links = [share_links.create_share_link(item, team["editor"]) for _ in range(2)]
    other = share_links.create_share_link(
        make(status=Status.DRAFT, owner=team["unit"]), team["editor"]
    )
    workflow.publish(item, team["publisher"])
    assert client.get(share_url(links[0])).status_code == 200

    workflow.withdraw(item, team["publisher"], reason="Data keliru")

    for link in links:
        response = client.get(share_url(link))
        assert response.status_code == 410
        assert "Isi yang akan ditarik" not in response.content.decode()
    assert ShareLink.objects.filter(revoked_by=team["publisher"]).count() == 2
    assert client.get(share_url(other)).status_code == 200  # other items keep theirs


def test_a_link_to_a_pending_copy_ends_when_its_live_item_is_withdrawn(client, team):
    live = f.article(owner=team["unit"], first_published_at=timezone.now())
    copy = workflow.start_pending_copy(live, team["editor"])
    link = share_links.create_share_link(copy, team["editor"])
    assert client.get(share_url(link)).status_code == 200

    workflow.withdraw(live, team["publisher"], reason="Ditarik")

    assert client.get(share_url(link)).status_code == 410


def test_a_link_made_after_withdrawal_shows_nothing_either(client, team):
    item = f.article(status=Status.WITHDRAWN, owner=team["unit"], title="Sudah ditarik")
    link = share_links.create_share_link(item, team["editor"])
    response = client.get(share_url(link))
    assert response.status_code == 410
    assert "Sudah ditarik" not in response.content.decode()
