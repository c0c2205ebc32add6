"""The article, event and speaker lists write their rows themselves (`admin/rows.py`): what
staff see in each cell, its link and its class are exactly what Django's admin writes."""

from datetime import UTC, datetime, timedelta
from itertools import product

import pytest
from django.contrib.admin.templatetags.admin_list import items_for_result
from django.contrib.admin.utils import display_for_field
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from articles import workflow
from articles.admin.rows import _LocalTimes, result_list, table
from articles.models import Article, Status
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


@pytest.mark.parametrize("order", [None, "-5", "2.-5", "-3.1.5"])
def test_the_table_is_what_djangos_results_template_renders(client, team, order):
    """Headers (sorted by one column, several or none), rows and whitespace: the table
    written in Python (`rows.table`) is the template's output, character for character,
    in either language, and is what the page shows."""
    f.article(owner=team["unit"], title="Rapat <b>kerja</b>")
    f.article(owner=team["unit"], status=Status.DRAFT)
    client.force_login(team["publisher"])

    response = client.get(
        reverse("admin:articles_article_changelist"), {"o": order} if order else {}
    )
    for language in ("id", "en"):
        with translation.override(language):
            data = result_list(response.context["cl"])
            written = table(data)
            assert written == render_to_string("admin/change_list_results.html", data)
        if language == "id":  # the page's own language
            assert written in response.content.decode()
    assert ("sortpriority" in written) == (order is not None and "." in order)
    assert written.count("<tr><t") == 2


def test_a_datetime_column_reads_as_djangos_at_any_hour_in_either_language():
    """The updated-at column's formatter (format split once, names translated once) writes
    what Django's own display does: noon, midnight, mornings, evenings, each month."""
    field = Article._meta.get_field("updated_at")
    for language in ("id", "en"):
        with translation.override(language):
            times = _LocalTimes()
            for month, hour, minute in product(range(1, 13), (0, 9, 12, 18), (0, 7)):
                at = datetime(2026, month, 3 + month, hour, minute, tzinfo=UTC)
                assert times(at) == display_for_field(at, field, "-")


def test_the_action_menu_is_what_djangos_action_form_renders(client, team):
    """Kept per menu (`KeptSelect`): each person, language and list still gets the menu
    Django's own ActionForm renders for their actions."""
    from django.contrib.admin import site
    from django.contrib.admin.helpers import ActionForm

    from articles.models import Article, Event

    f.article(owner=team["unit"])
    f.event(owner=team["unit"])
    pages = []
    for who, model, language in [
        ("writer", Article, "id"), ("publisher", Article, "id"), ("publisher", Article, "id"),
        ("publisher", Event, "id"), ("publisher", Article, "en"),
    ]:  # fmt: skip
        client.force_login(team[who])
        client.cookies["django_language"] = language
        url = reverse(f"admin:articles_{model._meta.model_name}_changelist")
        response = client.get(url)
        form = ActionForm(auto_id=None)
        with translation.override(language):
            form.fields["action"].choices = site._registry[model].get_action_choices(
                response.wsgi_request
            )
            djangos = str(form["action"])
        page = response.content.decode()
        assert djangos in page
        pages.append(djangos)
    assert pages[0] != pages[1] == pages[2] != pages[3] and pages[4] != pages[1]
