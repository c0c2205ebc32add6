"""Credited staff on public surfaces: their names and initials, and nothing else of their
accounts read, on the article page and in every feed alike."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

ACCOUNT_SECRETS = ('"password"', '"email"', '"last_login"')


@pytest.fixture
def credited():
    writer = f.user(first_name="Rani", last_name="Astuti", initials="RA")
    editor = f.user(first_name="Agus", last_name="Gunawan", initials="AG")
    photographer = f.user(initials="DP")  # no name: known by initials
    return f.article(writer=writer, editor=editor, photographer=photographer)


@pytest.mark.parametrize(
    "where",
    ["article", "syndication:rss", "syndication:atom", "syndication:json"],
)
def test_public_surfaces_read_no_account_secrets_of_credited_staff(client, credited, where):
    url = credited.get_absolute_url() if where == "article" else reverse(where)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)

    assert response.status_code == 200
    read = [query["sql"] for query in captured if '"auth_user"' in query["sql"]]
    assert read, "the credits were not read by a query of their own"
    for sql in read:
        for column in ACCOUNT_SECRETS:
            assert column not in sql


def test_credits_still_show_names_and_initials(client, credited):
    page = client.get(credited.get_absolute_url()).content.decode()
    assert "/RA/AG/DP)" in page  # the byline code: source, then each credit's initials

    feed = json.loads(client.get(reverse("syndication:json")).content)
    authors = [author["name"] for author in feed["items"][0]["authors"]]
    assert authors == ["Rani Astuti", "Agus Gunawan", "DP"]
