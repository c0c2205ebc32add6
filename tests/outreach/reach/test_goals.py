"""SMART goals: set in the admin by a unit's editors, refused when not measurable or not
bounded in time, shown on the dashboard against the straight line to their target."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from outreach.models import ReachGoal
from outreach.models.goals import MAX_TARGET
from tests import factories as f

from .conftest import beacon, flushed

pytestmark = pytest.mark.django_db
ADD = reverse("admin:outreach_reachgoal_add")
DASHBOARD = reverse("admin:outreach_dailyreach_changelist")


def goal_form(unit, **changes):
    today = timezone.localdate()
    form = {
        "unit": unit.pk,
        "channel": "whatsapp",
        "measure": "visitors",
        "target": "5000",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=89)).isoformat(),
        "why": "Siswa SMK mencari info beasiswa lewat grup WhatsApp sekolah.",
    }
    form.update(changes)
    return form


def test_an_editor_sets_a_goal_for_the_unit(client, team):
    client.force_login(team["editor"])
    response = client.post(ADD, goal_form(team["unit"]))
    assert response.status_code == 302
    goal = ReachGoal.objects.get()
    assert (goal.unit, goal.channel, goal.measure, goal.target) == (
        team["unit"],
        "whatsapp",
        "visitors",
        5000,
    )
    assert goal.created_by == team["editor"]


@pytest.mark.parametrize(
    "changes",
    [
        {"target": ""},
        {"ends_on": ""},
        {"target": "-100"},
        {"target": "0"},
        {"target": str(MAX_TARGET + 1)},
        {"target": "9" * 40},
        {"ends_on": "2020-01-01"},  # before its start
        {"ends_on": "2031-01-01"},  # more than two years
        {"why": ""},
        {"channel": "myspace"},
        {"measure": "likes"},
    ],
)
def test_a_goal_that_is_not_measurable_or_not_bounded_is_refused(client, team, changes):
    client.force_login(team["editor"])
    response = client.post(ADD, goal_form(team["unit"], **changes))
    assert response.status_code == 200 and response.context["errors"]
    assert not ReachGoal.objects.exists()


def test_a_goal_for_another_unit_or_by_a_writer_is_refused(client, team):
    other = f.unit()
    client.force_login(team["editor"])
    response = client.post(ADD, goal_form(other))
    assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    client.force_login(team["writer"])
    assert client.post(ADD, goal_form(team["unit"])).status_code == 403
    assert not ReachGoal.objects.exists()


def make_goal(unit, **fields):
    today = timezone.localdate()
    values = dict(
        unit=unit,
        measure="views",
        target=100,
        starts_on=today - timedelta(days=4),
        ends_on=today + timedelta(days=5),
        why="Uji",
    )
    values.update(fields)
    return ReachGoal.objects.create(**values)


def test_the_dashboard_shows_progress_against_the_straight_line(client, team):
    article = f.article(owner=team["unit"])
    behind = make_goal(team["unit"])  # day 5 of 10: the line stands at 50
    ahead = make_goal(team["unit"], channel="whatsapp", measure="visitors", target=2)
    theirs = make_goal(f.unit(), why="Unit lain")
    for n in range(3):
        beacon(client, f"a{article.pk}", source="whatsapp", ip=f"198.51.100.{n}")
    beacon(client, f"a{article.pk}", source="whatsapp", ip="198.51.100.0")  # a reader again
    beacon(client, f"a{article.pk}")  # direct: not the WhatsApp goal's
    flushed()

    client.force_login(team["writer"])
    response = client.get(DASHBOARD)
    shown = {p.goal: p for p in response.context["goals"]}
    assert set(shown) == {behind, ahead}
    assert (shown[behind].reached, shown[behind].expected, shown[behind].on_track) == (5, 50, False)
    assert (shown[ahead].reached, shown[ahead].expected, shown[ahead].on_track) == (3, 1, True)
    html = response.content.decode()
    assert "di bawah garis" in html and "sesuai jalur" in html and "Unit lain" not in html
    assert "Tambah target" not in html  # a writer reads goals, does not set them

    client.force_login(team["publisher"])
    goals = client.get(DASHBOARD).context["goals"]
    assert {p.goal for p in goals} == {behind, ahead, theirs}


def test_a_writer_reads_the_units_goals_but_not_another_units(client, team):
    ours, theirs = make_goal(team["unit"]), make_goal(f.unit())
    client.force_login(team["writer"])
    listing = client.get(reverse("admin:outreach_reachgoal_changelist"))
    assert list(listing.context["cl"].result_list) == [ours]
    change = reverse("admin:outreach_reachgoal_change", args=[theirs.pk])
    assert client.get(change).status_code == 302  # "not found" for another unit's
    assert client.post(change, goal_form(team["unit"])).status_code in (302, 403)
    theirs.refresh_from_db()
    assert theirs.why == "Uji"
