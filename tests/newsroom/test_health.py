"""/healthz and /readyz: what a load balancer asks, answered without a cookie or a redirect."""

import json

import pytest


@pytest.mark.django_db
def test_healthz_answers_without_database_or_cookie(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert not response.cookies
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_reports_each_dependency(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert (body["database"], body["cache"], body["media"]) == ("ok", "ok", "ok")
    assert not response.cookies


@pytest.mark.django_db
def test_readyz_names_the_media_store_that_failed(client, settings, tmp_path):
    (tmp_path / "not-a-folder").write_text("")
    settings.MEDIA_ROOT = tmp_path / "not-a-folder" / "media"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "unavailable"
    assert body["database"] == "ok"
    assert body["media"] == "failed: OSError"
    assert "not-a-folder" not in response.content.decode()  # paths stay in the log


@pytest.mark.django_db
def test_readyz_names_an_unreachable_cache(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.DegradingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["database"] == "ok"
    assert "ConnectionError" in body["cache"]


def test_health_answers_any_host_name_over_plain_http(client, settings):
    """A balancer probes each server by address; neither ALLOWED_HOSTS nor HTTPS stop it."""
    settings.ALLOWED_HOSTS = ["berita.example.go.id"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8001")
    assert response.status_code == 200
