"""The reach dashboard: a unit's staff see their unit, publishers every unit and the site."""

import csv
import io

import pytest
from django.urls import reverse

from tests import factories as f

from .conftest import beacon, flushed

pytestmark = pytest.mark.django_db
URL = reverse("admin:outreach_dailyreach_changelist")


@pytest.fixture
def visits(client, team):
    """Unit A's article: 3 readers from WhatsApp, 1 direct; another unit's: 2 from search."""
    ours = f.article(owner=team["unit"], title="Vokasi kita")
    theirs = f.article(title="Berita unit lain")
    for n in range(3):
        beacon(client, f"a{ours.pk}", source="whatsapp", ip=f"198.51.100.{n}")
    beacon(client, f"a{ours.pk}", ip="198.51.100.9")
    for n in range(2):
        beacon(client, f"a{theirs.pk}", referrer="https://www.google.com/", ip=f"192.0.2.{n}")
    flushed()
    return ours, theirs


def page(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response, response.content.decode()


def test_a_writer_sees_the_units_numbers_per_channel_and_nothing_else(client, team, visits):
    response, html = page(client, team["writer"])
    assert "Vokasi kita" in html and "Berita unit lain" not in html
    week = response.context["weeks"][-1]
    assert week[1] == {"whatsapp": (3, 3), "direct": (1, 1)} and week[2:] == (4, 4)
    assert dict(response.context["last30"]) == {"WhatsApp": 3, "Langsung": 1}
    assert "<svg" in html and "<script" not in html.split('<div id="content-main"')[1]
    # Another unit by its id: still only the writer's own.
    other = visits[1].unit_id
    response, html = page(client, team["writer"], unit=other)
    assert response.context["unit"] == team["unit"] and "Berita unit lain" not in html


def test_a_publisher_sees_the_whole_site_and_any_unit(client, team, visits):
    response, html = page(client, team["publisher"])
    assert response.context["unit"] is None
    assert response.context["weeks"][-1][2:] == (6, 6)
    assert "Berita unit lain" in html and "Mesin pencari" in html
    response, html = page(client, team["publisher"], unit=visits[1].unit_id)
    assert response.context["weeks"][-1][1] == {"search": (2, 2)}


def test_the_weeks_as_csv(client, team, visits):
    client.force_login(team["writer"])
    response = client.get(URL, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["week_start", "channel", "views", "visitors"]
    assert sorted(r[1:] for r in rows[1:]) == [["direct", "1", "1"], ["whatsapp", "3", "3"]]


def test_staff_without_a_role_or_unit_are_refused(client, team):
    client.force_login(f.user(units=[team["unit"]]))
    assert client.get(URL).status_code == 403
    client.force_login(f.user(groups=["Kontributor"]))  # a writer of no unit
    assert client.get(URL).status_code == 403
