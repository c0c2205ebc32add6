"""Every public page carries the beacon as a static script; staff previews do not."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from articles.models import Status
from tests import factories as f

pytestmark = pytest.mark.django_db
TAG = re.compile(r'<script src="[^"]*reach/beacon\.js" defer data-url="/r" ([^>]*)></script>')


def beacon_of(response):
    found = TAG.findall(response.content.decode())
    assert len(found) <= 1
    return dict(re.findall(r'data-(\w+)="([^"]*)"', found[0])) if found else None


def test_article_event_unit_and_list_pages_name_what_they_show(client):
    article, event, unit = f.article(), f.event(), f.unit()
    assert beacon_of(client.get(article.get_absolute_url())) == {
        "lang": "id",
        "item": f"a{article.pk}",
    }
    assert beacon_of(client.get(event.get_absolute_url()))["item"] == f"e{event.pk}"
    assert beacon_of(client.get(unit.get_absolute_url()))["item"] == f"u{unit.pk}"
    assert beacon_of(client.get("/"))["item"] == "l:home"
    assert beacon_of(client.get(reverse("articles:events")))["item"] == "l:events"
    assert beacon_of(client.get("/en/"))["lang"] == "en"


def test_the_script_is_a_small_static_file_under_the_strict_policy(client):
    response = client.get("/")
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    script = Path(finders.find("reach/beacon.js")).read_text(encoding="utf-8")
    assert len(script.encode()) < 1024
    assert "sendBeacon" in script and "keepalive" in script and "cookie" not in script[80:]


def test_staff_previews_are_not_views(client, team):
    item = f.article(status=Status.DRAFT, owner=team["unit"])
    client.force_login(team["writer"])
    response = client.get(reverse("editorial:preview", args=["berita", item.pk]))
    assert response.status_code == 200 and beacon_of(response) is None


def test_no_beacon_when_counting_is_off(client, settings):
    settings.NEWSROOM_REACH = False
    assert beacon_of(client.get("/")) is None


def test_the_privacy_page_says_what_is_counted_and_that_nothing_identifies_a_reader(client):
    page = client.get(reverse("articles:privacy")).content.decode()
    assert 'id="hitungan"' in page
    assert "Tanpa cookie" in page and "tidak ada yang dapat mengenali seorang pembaca" in page
    english = client.get("/en" + reverse("articles:privacy")).content.decode()
    assert "nothing can identify a reader" in english
