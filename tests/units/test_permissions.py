"""What a staff member may do is ModelBackend's answer, asked of the database once a request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f

pytestmark = pytest.mark.django_db


def _fresh(person):
    """The user as the next request loads it: nothing remembered from before."""
    return get_user_model().objects.get(pk=person.pk)


@pytest.fixture
def desk():
    group = Group.objects.create(name="Meja foto")
    group.permissions.add(Permission.objects.get(codename="change_image"))
    person = f.user("rahmi")
    person.groups.add(group)
    person.user_permissions.add(Permission.objects.get(codename="view_speaker"))
    return group, person


def test_own_and_group_permissions_are_read_in_one_query(desk):
    _group, person = desk
    person = _fresh(person)

    with CaptureQueriesContext(connection) as captured:
        granted = person.get_all_permissions()
        assert person.has_perm("articles.change_image")
        assert person.has_perm("articles.view_speaker")
        assert not person.has_perm("articles.delete_image")

    assert {"articles.change_image", "articles.view_speaker"} <= granted
    assert len(captured) == 1


def test_a_permission_taken_away_stops_working_on_the_next_request(desk, client):
    group, person = desk
    client.force_login(person)
    assert client.get("/admin/articles/image/").status_code == 200

    group.permissions.clear()
    person.user_permissions.clear()

    assert not _fresh(person).has_perm("articles.change_image")
    assert client.get("/admin/articles/image/").status_code == 403


def test_an_inactive_account_may_do_nothing_and_a_superuser_everything(desk):
    _group, person = desk
    person.is_active = False
    person.save()
    assert _fresh(person).get_all_permissions() == set()

    boss = f.user("kepala", is_superuser=True)
    assert len(_fresh(boss).get_all_permissions()) == Permission.objects.count()


def test_a_permission_on_one_object_is_not_granted_by_the_model_permission(desk):
    _group, person = desk
    assert not _fresh(person).has_perm("articles.change_image", obj=object())
