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


@pytest.fixture
def collected(settings, tmp_path):
    """A collected STATIC_ROOT with a vendor file whose plain name has two dots."""
    root = tmp_path / "static"
    (root / "vendor").mkdir(parents=True)
    for name in ("lib.min.js", "lib.min.0123456789ab.js"):
        (root / "vendor" / name).write_text("/* pustaka */")
    manifest = {"paths": {"vendor/lib.min.js": "vendor/lib.min.0123456789ab.js"}, "version": "1.1"}
    (root / "staticfiles.json").write_text(json.dumps(manifest))
    settings.STATIC_ROOT = root
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "newsroom.staticfiles.ForgivingManifestStorage"},
    }


def test_a_worker_starts_without_error_lines_for_files_no_page_asks_for(collected, caplog):
    """WhiteNoise's guesses at unhashed names ("lib.js" for "lib.min.js") were 540 ERROR
    lines at every worker start."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    from newsroom.staticfiles import StaticFilesMiddleware

    middleware = StaticFilesMiddleware(lambda request: None)

    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    assert "/static/vendor/lib.min.0123456789ab.js" in middleware.files
    assert staticfiles_storage.url("vendor/lib.min.js").endswith("lib.min.0123456789ab.js")


def test_a_file_a_page_asks_for_and_nobody_collected_is_an_error_once(collected, caplog):
    from django.contrib.staticfiles.storage import staticfiles_storage

    staticfiles_storage.url("articles/baru.css")
    staticfiles_storage.url("articles/baru.css")

    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == ["static file articles/baru.css is not collected: run collectstatic"]


def test_a_files_url_is_worked_out_once_per_process(collected, monkeypatch):
    """A page links two dozen static files: the manifest is asked once per name."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    first = staticfiles_storage.url("vendor/lib.min.js")
    monkeypatch.setattr(staticfiles_storage, "stored_name", pytest.fail)

    assert staticfiles_storage.url("vendor/lib.min.js") == first
    assert first.endswith("lib.min.0123456789ab.js")
