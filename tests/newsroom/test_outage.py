"""Database unreachable: a branded 503 with Retry-After, and recovery without restart."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from tests import factories as f


@pytest.mark.django_db
def test_database_outage_answers_branded_503_then_recovers(client, monkeypatch):
    article = f.article()
    url = article.get_absolute_url()
    original = BaseDatabaseWrapper.ensure_connection

    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "Layanan sedang tidak tersedia" in response.content.decode()
    assert "skip-link" in response.content.decode()  # the site's own layout

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", original)
    assert client.get(url).status_code == 200
