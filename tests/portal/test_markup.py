"""Every page is well-formed HTML5 with the head, landmarks and labels a reader relies on."""

import html5lib
import pytest
from django.urls import reverse

from articles.models import Status
from tests import factories as f

pytestmark = pytest.mark.django_db

NS = {"h": "http://www.w3.org/1999/xhtml"}
X = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def urls():
    story = f.press_release_story()
    gone = f.article(
        status=Status.WITHDRAWN, publish_at=story.start, first_published_at=story.start
    )
    return {
        "home": reverse("articles:home"),
        "article": story.article.get_absolute_url(),
        "event": story.event.get_absolute_url(),
        "section": reverse("articles:section", args=["siaran-pers"]),
        "tag": reverse("articles:tag", args=["smart"]),
        "unit": story.mitras.get_absolute_url(),
        "speaker": story.novan.get_absolute_url(),
        "agenda": reverse("articles:events"),
        "archive_index": reverse("articles:archive_index"),
        "archive": reverse("articles:archive", args=[2020]),
        "archive_month": reverse("articles:archive_month", args=[2020, 6]),
        "search": reverse("articles:search") + "?q=media",
        "search_empty": reverse("articles:search"),
        "404": "/tidak-ada/",
        "410": gone.get_absolute_url(),
    }


def parse(response):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(response.content.decode())


def test_every_page_parses_as_html5_without_errors(client, urls):
    for name, url in urls.items():
        response = client.get(url)
        try:
            parse(response)
        except html5lib.html5parser.ParseError as error:  # pragma: no cover - the failure
            pytest.fail(f"{name} ({url}): {error}")


def test_every_page_has_the_head_a_search_engine_and_a_social_network_read(client, urls):
    for name, url in urls.items():
        doc = parse(client.get(url))
        head = doc.find("h:head", NS)
        assert doc.get("lang") == "id", name
        assert head.find("h:title", NS).text.strip(), name
        metas = {
            (meta.get("name") or meta.get("property")): meta.get("content")
            for meta in head.findall("h:meta", NS)
        }
        for key in ("description", "og:title", "og:type", "og:url", "twitter:card"):
            assert metas.get(key), (name, key)
        if name not in ("404", "410"):
            links = {link.get("rel"): link.get("href") for link in head.findall("h:link", NS)}
            assert links["canonical"].startswith("http://testserver/"), name


def test_canonical_address_keeps_what_names_the_content_and_drops_the_rest(client):
    for _ in range(13):
        f.article(title="Pelatihan vokasi", section="berita")
    cases = {
        "/rubrik/berita/?hal=2&utm_source=wa&fbclid=x": "http://testserver/rubrik/berita/?hal=2",
        "/rubrik/berita/?fbclid=x": "http://testserver/rubrik/berita/",
        "/cari/?q=vokasi&hal=2&utm_source=wa": "http://testserver/cari/?q=vokasi&hal=2",
    }
    for url, canonical in cases.items():
        head = parse(client.get(url)).find("h:head", NS)
        links = {link.get("rel"): link.get("href") for link in head.findall("h:link", NS)}
        og_url = next(m.get("content") for m in head if m.get("property") == "og:url")
        assert links["canonical"] == canonical, url
        assert og_url == canonical, url


def test_article_shares_an_absolute_image_and_a_large_card(client, urls):
    doc = parse(client.get(urls["article"]))
    metas = {
        (meta.get("name") or meta.get("property")): meta.get("content")
        for meta in doc.find("h:head", NS).findall("h:meta", NS)
    }
    assert metas["og:type"] == "article"
    assert metas["og:image"].startswith("http://testserver/media/")
    assert metas["twitter:card"] == "summary_large_image"
    assert metas["og:title"] == "Dit. Mitras DUDI Selenggarakan Kelas Daring Media Sosial"


def test_every_page_shows_social_networks_an_absolute_picture(client, urls):
    for name, url in urls.items():
        metas = {
            (meta.get("name") or meta.get("property")): meta.get("content")
            for meta in parse(client.get(url)).find("h:head", NS).findall("h:meta", NS)
        }
        assert metas.get("og:image", "").startswith("http://testserver/"), name
        assert metas.get("twitter:image") == metas["og:image"], name

    agenda = parse(client.get(urls["agenda"])).find("h:head", NS)  # no photo of its own
    logo = next(m.get("content") for m in agenda if m.get("property") == "og:image")
    assert logo == "http://testserver/static/img/logo.png"
    assert client.get("/static/img/logo.png").status_code == 200


def test_every_page_has_landmarks_skip_link_search_and_labelled_fields(client, urls):
    for name, url in urls.items():
        doc = parse(client.get(url))
        body = doc.find("h:body", NS)
        skip = body.find("h:a", NS)
        assert skip.get("href") == "#main", name
        assert body.find(".//h:main[@id='main']", NS) is not None, name
        assert body.find(".//h:header", NS) is not None, name
        assert body.find(".//h:nav", NS) is not None, name
        assert body.find(".//h:footer", NS) is not None, name
        assert body.find(".//h:form[@role='search']", NS) is not None, name
        assert len(body.findall(".//h:h1", NS)) == 1, name
        labelled = {label.get("for") for label in body.iter(X + "label")}
        for field in [*body.iter(X + "input"), *body.iter(X + "select")]:
            if field.get("type") != "hidden":
                assert field.get("id") in labelled, (name, field.get("name"))
        for img in body.iter(X + "img"):
            assert img.get("alt"), (name, img.get("src"))
        ids = [el.get("id") for el in body.iter() if el.get("id")]
        assert len(ids) == len(set(ids)), (name, ids)


def test_times_carry_a_machine_readable_datetime_with_offset(client, urls):
    for name in ("article", "event", "section", "agenda"):
        doc = parse(client.get(urls[name]))
        times = list(doc.iter(X + "time"))
        assert times, name
        assert all(t.get("datetime").endswith("+07:00") for t in times), name


def test_stylesheet_is_served_from_our_own_static_files(client, urls):
    doc = parse(client.get(urls["home"]))
    sheets = [
        link.get("href")
        for link in doc.find("h:head", NS).findall("h:link", NS)
        if link.get("rel") == "stylesheet"
    ]
    assert sheets == ["/static/css/site.css"]
    scripts = [s.get("src") or s.get("type") for s in doc.iter(X + "script")]
    # Nothing to run on the home page but the reach beacon (issue 26), our own file.
    assert set(scripts) <= {"application/ld+json", "/static/reach/beacon.js"}
    article = parse(client.get(urls["article"]))
    scripts = [s.get("src") for s in article.iter(X + "script") if s.get("src")]
    # Optional enhancements, our own files.
    assert scripts == ["/static/reach/beacon.js", "/static/js/copy-link.js"]
