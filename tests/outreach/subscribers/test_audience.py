"""Staff see the audience as counts; only superusers see and export addresses."""

import pytest
from django.utils import timezone

from outreach.models import SentItem, Subscriber, Subscription
from tests import factories as f
from units.roles import EDITOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def audience():
    unit = f.unit(name="Direktorat Mitras DUDI")
    for n in range(3):
        row = Subscriber.objects.create(
            email=f"guru{n}@example.test", language="id", consent_at=timezone.now(),
            consent_text="setuju", confirmed_at=timezone.now(),
        )  # fmt: skip
        Subscription.objects.create(subscriber=row, kind="unit", key=unit.slug)
        if n == 0:
            Subscription.objects.create(subscriber=row, kind="all")
    article = f.article(title="Kelas daring")
    SentItem.objects.create(
        subscriber=row, item_type="article", item_id=article.pk, message_key="sub-alert:x"
    )
    return unit


def test_an_editor_sees_counts_per_unit_and_scope_never_addresses(client, audience):
    client.force_login(f.user("agus", units=[audience], groups=[EDITOR]))
    page = client.get("/admin/outreach/subscriber/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Unit Direktorat Mitras DUDI" in html and "<td>3</td>" in html
    assert "Semua berita" in html
    assert "<svg" in html and "Kelas daring" in html
    assert "guru0@example.test" not in html
    one = Subscriber.objects.first().pk
    assert client.get(f"/admin/outreach/subscriber/{one}/change/").status_code == 403
    assert client.get("/admin/outreach/suppression/").status_code == 403


def test_a_superuser_sees_and_exports_addresses(client, audience):
    client.force_login(f.user("root", is_superuser=True))
    assert "guru0@example.test" in client.get("/admin/outreach/subscriber/").content.decode()
    ids = list(Subscriber.objects.values_list("pk", flat=True))
    response = client.post(
        "/admin/outreach/subscriber/",
        {"action": "export_csv", "_selected_action": ids},
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().count("@example.test") == 3
    assert client.get("/admin/outreach/suppression/").status_code == 200
