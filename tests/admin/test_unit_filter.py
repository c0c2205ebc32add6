"""The article and event lists' unit filter offers the units whose items the list can hold."""

import pytest
from django.urls import reverse

from tests import factories as f
from units.roles import EDITOR

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:articles_article_changelist")
EVENTS = reverse("admin:articles_event_changelist")


def unit_links(page):
    return page.count("unit__id__exact=")


@pytest.fixture
def ministry(team):
    """Two more units nobody on the team works for, each with an article and an event."""
    others = [f.unit(name=f"Balai Lain {n}") for n in (1, 2)]
    for unit in [team["unit"], *others]:
        f.article(owner=unit)
        f.event(unit=unit)
    return others


@pytest.mark.parametrize("url", [ARTICLES, EVENTS])
def test_staff_of_one_unit_get_no_unit_filter(client, team, ministry, url):
    client.force_login(team["editor"])

    page = client.get(url).content.decode()

    assert unit_links(page) == 0
    assert "Balai Lain" not in page


@pytest.mark.parametrize("url", [ARTICLES, EVENTS])
def test_staff_of_two_units_choose_between_those_two(client, team, ministry, url):
    both = f.user("sari", units=[team["unit"], ministry[0]], groups=[EDITOR])
    client.force_login(both)

    page = client.get(url).content.decode()

    assert f"unit__id__exact={team['unit'].pk}" in page
    assert f"unit__id__exact={ministry[0].pk}" in page
    assert unit_links(page) == 2
    assert "Balai Lain 2" not in page


@pytest.mark.parametrize("url", [ARTICLES, EVENTS])
def test_a_publisher_chooses_among_every_unit(client, team, ministry, url):
    client.force_login(team["publisher"])

    page = client.get(url).content.decode()

    for unit in [team["unit"], team["editor_elsewhere"].staff_profile.units.get(), *ministry]:
        assert f"unit__id__exact={unit.pk}" in page


def test_another_units_address_lists_none_of_ones_own_units_items(client, team, ministry):
    """A colleague's link to a unit's list: staff of one unit get no filter to choose with,
    but the address is still applied (Django applies only the filters it shows)."""
    client.force_login(team["editor"])
    own = f.article(owner=team["unit"], title="Milik unit sendiri")

    page = client.get(ARTICLES, {"unit__id__exact": ministry[0].pk}).content.decode()

    assert own.title not in page
    assert 'id="result_list"' not in page


@pytest.mark.parametrize("value", ["abc", "%00", "99999999999999999999999", "-1"])
@pytest.mark.parametrize("url", [ARTICLES, EVENTS])
def test_an_odd_unit_in_the_address_gets_an_ordinary_page(client, team, url, value):
    """The filter an editor of one unit never sees still answers odd input like the rest."""
    client.force_login(team["editor"])

    response = client.get(f"{url}?unit__id__exact={value}", follow=True)

    assert response.status_code == 200
