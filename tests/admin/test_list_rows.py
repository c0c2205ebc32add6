"""The article, event and speaker lists write their rows themselves (`admin/rows.py`): what
staff see in each cell, its link and its class are exactly what Django's admin writes."""

from datetime import timedelta

import pytest
from django.contrib.admin.templatetags.admin_list import items_for_result
from django.urls import reverse
from django.utils import translation

from articles import workflow
from articles.models import Status
from tests import factories as f

pytestmark = pytest.mark.django_db


def djangos_rows(response):
    """The rows Django's own `items_for_result` writes for the list just shown."""
    cl = response.context["cl"]
    with translation.override("id"):
        return [
            "<tr>" + "".join(items_for_result(cl, row, None)) + "</tr>" for row in cl.result_list
        ]


def shows_djangos_rows(client, url, query=None, count=None):
    response = client.get(url, query or {})
    assert response.status_code == 200
    page = response.content.decode()
    rows = djangos_rows(response)
    assert rows and all(row in page for row in rows)
    assert page.count("<tr><t") == len(rows) == (count or len(rows))
    return page


def test_an_article_list_shows_what_django_writes_in_every_cell(client, team):
    unit, editor = team["unit"], team["editor"]
    f.article(owner=unit, title='Rapat <b>"kerja"</b> & evaluasi')  # escaped, not markup
    f.article(owner=unit, status=Status.DRAFT)
    f.article(owner=unit, publish_at=f.timezone.now() + timedelta(days=2))  # scheduled
    live = f.article(owner=unit, title="Sudah tayang")
    workflow.start_pending_copy(live, editor)  # the pending-revision column shows
    client.force_login(editor)

    page = shows_djangos_rows(client, reverse("admin:articles_article_changelist"), count=4)
    assert "Rapat &lt;b&gt;&quot;kerja&quot;&lt;/b&gt; &amp; evaluasi</a></th>" in page
    assert "ada salinan tertunda" in page and "Terjadwal" in page


def test_a_filtered_page_links_each_row_back_to_the_same_filter(client, team):
    for _n in range(3):
        f.article(owner=team["unit"])
    client.force_login(team["publisher"])
    query = {"status__exact": "published", "o": "-2"}

    page = shows_djangos_rows(client, reverse("admin:articles_article_changelist"), query, 3)
    assert "?_changelist_filters=status__exact%3Dpublished%26o%3D-2" in page


def test_event_and_speaker_lists_show_what_django_writes_empty_cells_included(client, team):
    f.event(owner=team["unit"], kind="seminar", mode="offline", venue="Aula")
    f.event(owner=team["unit"])
    f.speaker(position="")  # no position, no affiliation: the admin's dash
    f.speaker(position="Direktur", affiliation_unit=team["unit"])
    client.force_login(team["editor"])

    shows_djangos_rows(client, reverse("admin:articles_event_changelist"), count=2)
    page = shows_djangos_rows(client, reverse("admin:articles_speaker_changelist"), count=2)
    assert '<td class="field-affiliation_unit nowrap">-</td>' in page
