"""An article's and an event's change page shows its own reach per channel."""

import pytest
from django.urls import reverse

from tests import factories as f

from .conftest import beacon, flushed

pytestmark = pytest.mark.django_db


def panel(html):
    start = html.index('class="item-panel item-reach')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("kind", ["article", "event"])
def test_the_change_page_shows_the_items_views_and_visitors_per_channel(client, team, kind):
    item = getattr(f, kind)(owner=team["unit"])
    other = getattr(f, kind)(owner=team["unit"])
    key = f"{kind[0]}{item.pk}"
    for n in range(2):
        beacon(client, key, source="whatsapp", ip=f"198.51.100.{n}")
    beacon(client, key, source="whatsapp", ip="198.51.100.0")  # the first reader again
    beacon(client, key, referrer="https://www.google.com/")
    beacon(client, f"{kind[0]}{other.pk}", source="x")  # another item's
    flushed()

    client.force_login(team["writer"])
    html = client.get(reverse(f"admin:articles_{kind}_change", args=[item.pk])).content.decode()
    shown = panel(html)
    row = '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>'
    assert row.format("WhatsApp", 3, 2, 3, 2) in shown
    assert row.format("Mesin pencari", 1, 1, 1, 1) in shown
    assert ">X<" not in shown
    assert f"?unit={team['unit'].pk}" in shown


def test_an_item_nobody_read_says_so(client, team):
    item = f.article(owner=team["unit"])
    client.force_login(team["writer"])
    html = client.get(reverse("admin:articles_article_change", args=[item.pk])).content.decode()
    assert "Belum ada kunjungan yang terhitung" in panel(html)
