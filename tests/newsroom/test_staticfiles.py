"""Production static files before collectstatic: pages still answer, /readyz says why not ready."""

import json

import pytest

# WhiteNoise warns that the (empty) STATIC_ROOT has no files yet: that is the case tested.
pytestmark = pytest.mark.filterwarnings("ignore:No directory at")


@pytest.fixture
def uncollected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "newsroom.staticfiles.ForgivingManifestStorage"},
    }


@pytest.mark.django_db
def test_pages_and_admin_login_answer_before_collectstatic(client, uncollected):
    assert client.get("/").status_code == 200
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert "/static/admin/css/base.css" in login.content.decode()


@pytest.mark.django_db
def test_readyz_reports_static_files_not_collected(client, uncollected):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["static"] == "failed: FileNotFoundError"
