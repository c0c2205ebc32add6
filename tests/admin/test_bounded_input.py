"""Odd input typed or crafted by staff gets a message on the field or an ordinary page.

A year-1 date used to be stored on PostgreSQL as a BC timestamp that could not be read
back (every page showing it answered 500); a NUL byte or a huge year in an admin list
URL answered 500. These run on SQLite and on PostgreSQL (CI runs both).
"""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, Event, Status
from tests import factories as f
from tests.admin.forms import change_url, messages_of, workflow_url

pytestmark = pytest.mark.django_db

YEAR_MESSAGE = "Masukkan tanggal antara tahun 1900 dan 2200."


def aware(year):
    return timezone.make_aware(datetime(year, 6, 25, 10, 0))


@pytest.mark.parametrize("year", [1, 1899, 2201, 9999])
def test_model_validation_refuses_an_implausible_year_on_every_typed_date(year):
    event = f.event(status=Status.DRAFT)
    event.starts_at = aware(year)
    with pytest.raises(ValidationError) as caught:
        event.full_clean()
    assert caught.value.message_dict["starts_at"] == [YEAR_MESSAGE]
    note = Correction(article=f.article(), text="Ralat", noted_at=aware(year))
    with pytest.raises(ValidationError) as caught:
        note.full_clean()
    assert caught.value.message_dict["noted_at"] == [YEAR_MESSAGE]


@pytest.mark.parametrize("year", [1900, 2200])
def test_the_bounds_themselves_are_accepted(year):
    event = f.event(status=Status.DRAFT, starts_in=timedelta(0))
    event.starts_at = event.ends_at = aware(year)
    event.full_clean()


def test_event_form_shows_the_year_error_on_the_field_and_saves_nothing(client, team):
    client.force_login(team["writer"])
    data = f.admin_form_data(client.get(reverse("admin:articles_event_add")))
    data.update(
        {
            "title": ["Webinar tahun satu"],
            "slug": ["webinar-tahun-satu"],
            "kind": ["webinar"],
            "mode": ["online"],
            "platform": ["Zoom"],
            "starts_at_0": ["0001-01-01"],
            "starts_at_1": ["00:00"],
            "ends_at_0": ["0001-01-01"],
            "ends_at_1": ["02:00"],
        }
    )
    response = client.post(reverse("admin:articles_event_add"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["starts_at"] == [YEAR_MESSAGE]
    assert not Event.objects.exists()
    assert client.get(reverse("admin:articles_event_changelist")).status_code == 200
    assert client.get(reverse("articles:events")).status_code == 200


def test_correction_dated_year_one_is_refused_and_the_article_still_reads(client, team):
    article = f.article(owner=team["unit"], first_published_at=timezone.now())
    client.force_login(team["editor"])
    data = f.admin_form_data(client.get(change_url(article)))
    data.update(
        {
            "corrections-TOTAL_FORMS": ["1"],
            "corrections-0-noted_at_0": ["0001-01-01"],
            "corrections-0-noted_at_1": ["00:00"],
            "corrections-0-text": ["Ralat bertanggal aneh"],
        }
    )
    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert YEAR_MESSAGE in response.content.decode()
    assert not Correction.objects.exists()
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(reverse("syndication:rss")).status_code == 200


@pytest.mark.parametrize("at", ["0001-01-01T10:00", "9999-12-31T23:59"])
def test_publish_time_out_of_bounds_is_refused_with_the_reason(client, team, at):
    item = f.article(status=Status.APPROVED, owner=team["unit"])
    client.force_login(team["publisher"])

    response = client.post(workflow_url(item), {"action": "schedule", "at": at})

    item.refresh_from_db()
    assert item.status == Status.APPROVED and item.publish_at is None
    assert messages_of(response) == [YEAR_MESSAGE]
    assert client.get(change_url(item)).status_code == 200


ODD_ADMIN_URLS = [
    "/admin/articles/article/?publish_at__year=99999999",
    "/admin/articles/article/?publish_at__year=9999",
    "/admin/articles/event/?starts_at__year=9999&starts_at__month=12",
    "/admin/articles/image/?created_at__year=9999&created_at__month=12&created_at__day=31",
    "/admin/articles/article/?publish_at__year=%C2%B2",
    "/admin/articles/article/?q=%00",
    "/admin/articles/article/?status__exact=%00",
    "/admin/articles/event/?status__exact=dr%00aft",
    "/admin/articles/speaker/?q=a%00&affiliation_unit__id__exact=%00",
    "/admin/units/workunit/?q=%00",
    "/admin/auth/user/?q=%00",
    "/admin/autocomplete/?term=%00&app_label=articles&model_name=article&field_name=speakers",
    "/admin/autocomplete/?term=a%00b&app_label=articles&model_name=article&field_name=unit",
]


@pytest.mark.parametrize("url", ODD_ADMIN_URLS)
def test_odd_admin_list_and_search_input_gets_an_ordinary_page(client, url):
    admin = f.user(is_superuser=True)
    client.force_login(admin)
    f.article(title="Berita dalam daftar")

    response = client.get(url, follow=True)

    assert response.status_code == 200


def test_a_plausible_date_filter_still_filters(client):
    client.force_login(f.user(is_superuser=True))
    f.article(title="Berita tahun ini")
    year = timezone.localtime().year
    response = client.get(f"/admin/articles/article/?publish_at__year={year}")
    assert response.status_code == 200
    assert "Berita tahun ini" in response.content.decode()
    assert Article.objects.count() == 1
