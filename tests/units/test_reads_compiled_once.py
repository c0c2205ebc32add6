"""Queries every staff request runs are compiled once (`newsroom/statements.py`) and answer
each user with their own rows, exactly as the ORM query would."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from units import roles
from units.models import WorkUnit

pytestmark = pytest.mark.django_db


def test_each_user_gets_their_own_units_and_roles_from_sql_compiled_once(team, monkeypatch):
    other = f.unit()
    team["editor2"].staff_profile.units.add(other)
    users = get_user_model().objects.filter(pk__in=[team["editor"].pk, team["editor2"].pk])
    first, second = sorted(users, key=lambda user: user.username == "dewi")
    assert roles.unit_ids(first) == {team["unit"].pk}  # compiled here, if not before
    assert roles.is_editor(first)
    never = lambda _user_id: pytest.fail("compiled again")  # noqa: E731
    monkeypatch.setattr(roles._UNIT_IDS, "build", never)
    monkeypatch.setattr(roles._ROLE_NAMES, "build", never)

    with CaptureQueriesContext(connection) as captured:
        units = roles.unit_ids(second)
        editor = roles.is_editor(second)
    assert units == {team["unit"].pk, other.pk}
    assert units == set(WorkUnit.objects.filter(staff__user=second).values_list("pk", flat=True))
    assert editor and not roles.is_publisher(second)
    assert len(captured) == 2


def test_a_user_with_no_unit_or_role_gets_none(db):
    nobody = f.user("tamu")
    assert roles.unit_ids(nobody) == frozenset()
    assert not roles.has_any_role(nobody)
