"""The share kit: the social card from the page's own Open Graph tags, warnings when it
will be cut or its picture is missing or small, and one UTM-tagged link per channel."""

import html as htmllib
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from articles.models import Image
from tests import factories as f

pytestmark = pytest.mark.django_db


def kit_url(item, kind="article", **params):
    url = reverse("admin:outreach_share_kit", args=[kind, item.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def open_graph(client, item):
    """The og:* tags of the item's public page, as a network's crawler reads them."""
    client.logout()
    page = client.get(item.get_absolute_url()).content.decode()
    tags = re.findall(r'<meta property="og:(\w+)" content="([^"]*)"', page)
    return {name: htmllib.unescape(value) for name, value in tags}


def big_picture():
    upload = f.image_upload(size=(1200, 630))
    return Image.objects.create(file=upload, alt_text="Siswa SMK praktik")


def test_the_card_is_what_the_public_page_tells_networks(client, team, settings):
    settings.SITE_URL = "http://testserver"  # the public address the page is served at
    article = f.article(owner=team["unit"], featured_image=big_picture())
    tags = open_graph(client, article)
    client.force_login(team["writer"])
    kit = client.get(kit_url(article)).context["kit"]
    assert (kit.title, kit.description) == (tags["title"], tags["description"])
    assert kit.image_url == tags["image"] and kit.url == tags["url"]
    assert kit.warnings == []
    assert [card.network.name for card in kit.cards] == ["whatsapp", "facebook", "x", "linkedin"]


def test_warnings_when_the_title_or_description_is_cut_or_the_picture_missing(client, team):
    article = f.article(owner=team["unit"], title="Vokasi " * 14, lead="Teras " * 30)
    client.force_login(team["writer"])
    response = client.get(kit_url(article))
    warnings = " ".join(response.context["kit"].warnings)
    for network in ("WhatsApp", "Facebook", "X", "LinkedIn"):
        assert f"Judul terpotong di {network}" in warnings
    assert "Deskripsi terpotong di WhatsApp" in warnings
    assert "Deskripsi terpotong di X" not in warnings  # X shows no description
    assert "Tidak ada gambar" in warnings
    whatsapp = response.context["kit"].cards[0]
    assert len(whatsapp.title) == 65 and whatsapp.title.endswith("…")


def test_a_small_picture_is_flagged_with_its_size(client, team):
    article = f.article(owner=team["unit"], featured_image=f.image())  # 64x48
    client.force_login(team["writer"])
    warnings = client.get(kit_url(article)).context["kit"].warnings
    assert len(warnings) == 1 and "64×48" in warnings[0] and "1200×630" in warnings[0]


def test_one_tagged_link_per_channel_with_the_slug_or_a_chosen_campaign(client, team):
    article = f.article(owner=team["unit"])
    client.force_login(team["writer"])
    response = client.get(kit_url(article))
    links = {source: url for source, _label, url in response.context["kit"].links}
    assert list(links) == [
        "whatsapp",
        "instagram",
        "facebook",
        "x",
        "youtube",
        "tiktok",
        "newsletter",
        "press",
    ]
    for source, url in links.items():
        parts = urlsplit(url)
        assert parts.path == article.get_absolute_url()
        assert parse_qs(parts.query) == {
            "utm_source": [source],
            "utm_medium": ["email" if source in ("newsletter", "press") else "social"],
            "utm_campaign": [article.slug],
        }
    html = response.content.decode()
    # Selectable text without script; the copy button is there for the script to show.
    assert f'readonly id="link-whatsapp" value="{htmllib.escape(links["whatsapp"])}"' in html
    assert 'data-copy="link-whatsapp"' in html

    chosen = client.get(kit_url(article, kampanye="Hari-Guru-2026")).context["kit"].links
    assert all("utm_campaign=hari-guru-2026" in url for _s, _l, url in chosen)
    refused = client.get(kit_url(article, kampanye="%3Cscript%3E"))
    assert refused.context["campaign_refused"]
    kept = refused.context["kit"].links
    assert all(f"utm_campaign={article.slug}" in url for _s, _l, url in kept)
    assert "<script>" not in refused.content.decode().split('id="content-main"')[1]


def test_an_event_has_its_kit_and_the_change_page_links_to_it(client, team):
    event = f.event(owner=team["unit"])
    client.force_login(team["writer"])
    response = client.get(kit_url(event, kind="event"))
    assert response.status_code == 200 and response.context["kit"].title == event.title
    change = client.get(reverse("admin:articles_event_change", args=[event.pk]))
    assert kit_url(event, kind="event") in change.content.decode()


@pytest.mark.parametrize("kind", ["article", "unit"])
def test_another_units_item_or_an_unknown_kind_is_not_found(client, team, kind):
    theirs = f.article()
    client.force_login(team["writer"])
    assert client.get(kit_url(theirs, kind=kind)).status_code == 404
    client.force_login(f.user(units=[team["unit"]]))  # staff without a role
    assert client.get(kit_url(f.article(owner=team["unit"]))).status_code in (403, 404)
