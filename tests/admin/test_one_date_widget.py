"""One way to type a date and a time in the whole admin: the day first and a 24-hour WIB
clock ("25-06-2020", "10.00"), in the same two boxes everywhere; never the browser's own
picker, which wrote US order in an English browser."""

from datetime import datetime

import pytest
from django.urls import reverse

from articles.models import Status
from newsroom.dates import WIB
from tests import factories as f
from tests.admin.forms import change_url

pytestmark = pytest.mark.django_db


def test_an_events_times_read_and_are_typed_day_first_in_wib(client, team):
    event = f.event(
        status=Status.DRAFT,
        owner=team["unit"],
        starts_at=datetime(2020, 6, 25, 10, 0, 37, tzinfo=WIB),
        ends_at=datetime(2020, 6, 25, 12, 0, tzinfo=WIB),
    )
    client.force_login(team["writer"])
    page = client.get(change_url(event))
    html = page.content.decode()
    assert 'name="starts_at_0" value="25-06-2020"' in html
    assert 'name="starts_at_1" value="10.00"' in html  # no seconds
    assert 'placeholder="hh-bb-tttt"' in html and "Jam (WIB):" in html
    data = f.admin_form_data(page, form_id="event_form")
    data.update({"starts_at_0": ["26-06-2020"], "starts_at_1": ["9.30"],
                 "ends_at_0": ["26/06/2020"], "ends_at_1": ["11:00"]})  # fmt: skip
    assert client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert event.starts_at == datetime(2020, 6, 26, 9, 30, tzinfo=WIB)
    assert event.ends_at == datetime(2020, 6, 26, 11, 0, tzinfo=WIB)


@pytest.mark.parametrize("english", [False, True], ids=["id", "en"])
def test_no_admin_form_offers_the_browsers_own_picker(client, team, english):
    article = f.article(status=Status.APPROVED, owner=team["unit"])
    event = f.event(status=Status.PUBLISHED, owner=team["unit"])
    f.article(status=Status.APPROVED, owner=team["unit"], title="Menunggu jadwal")
    client.force_login(team["publisher"])
    if english:
        client.cookies["django_language"] = "en"
    pages = [
        change_url(article),  # the workflow panel's publish time
        change_url(event),  # the event's times and the coverage deadline
        reverse("admin:articles_event_add"),
        reverse("admin:articles_article_calendar"),  # scheduling from the calendar
        reverse("admin:outreach_release_add"),  # the embargo
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert 'type="datetime-local"' not in html and 'type="date"' not in html, url
        assert 'class="vDateField"' in html and 'class="vTimeField"' in html, url
