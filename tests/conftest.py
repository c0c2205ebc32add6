import os

import pytest


def pytest_sessionstart(session):
    """CI names the database it meant to test; running on another one is a failure, not a skip."""
    expected = os.environ.get("NEWSROOM_EXPECT_DB")
    if not expected:
        return
    from django.db import connection

    if connection.vendor != expected:
        pytest.exit(
            f"expected to test on {expected}, configured for {connection.vendor}", returncode=1
        )


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Views are tested as they render; the whole-response cache in front of them has its
    # own tests (tests/portal/test_page_cache.py), which turn it on with `page_cache`.
    settings.NEWSROOM_PAGE_CACHE = False
    # Tasks run where they are enqueued (after commit); the queue's own tests run real
    # worker processes on the database backend (tests/outreach/test_worker.py).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # With Redis (CI on PostgreSQL) every xdist worker talks to one server, each with a
    # database of its own: keys of its own too, so no test reads the content generation,
    # or a count or sitemap date kept under it, that another worker's database produced.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    shared = settings.CACHES["default"]
    if worker and "KEY_PREFIX" in shared:
        settings.CACHES = {"default": {**shared, "KEY_PREFIX": f"{shared['KEY_PREFIX']}-{worker}"}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def local_cache(settings):
    """A cache of this test's own. With Redis (CI on PostgreSQL) every xdist worker shares
    one database that each test flushes; tests that count what the cache saves must not
    see another worker's flush in the middle."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{os.getpid()}",
        }
    }
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def page_cache(settings, local_cache):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def team(db):
    """One unit's editorial staff: a writer, two editors, an editor elsewhere, a publisher."""
    from tests import factories as f
    from units.roles import EDITOR, PUBLISHER, WRITER

    home, elsewhere = f.unit(), f.unit()
    return {
        "unit": home,
        "writer": f.user(
            "rani", units=[home], groups=[WRITER], first_name="Rani", last_name="Astuti"
        ),
        "editor": f.user(
            "agus", units=[home], groups=[EDITOR], first_name="Agus", last_name="Prasetyo"
        ),
        "editor2": f.user("dewi", units=[home], groups=[EDITOR]),
        "editor_elsewhere": f.user("eko", units=[elsewhere], groups=[EDITOR]),
        "publisher": f.user("budi", groups=[PUBLISHER]),
    }


def pytest_collection_modifyitems(config, items):
    """A transactional test in `make test` must restore what it flushed (serialized_rollback):
    one that does not leaves the flush's recreated content types behind, and the next test
    restoring its serialized copy in the same worker collides with them on PostgreSQL (which
    test follows which is xdist's choice, so the failure would come and go)."""
    careless = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or "tests/browser/" in item.nodeid or "tests/deploy/" in item.nodeid:
            continue
        if marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            careless.append(item.nodeid)
    if careless:
        raise pytest.UsageError(
            "transactional tests without serialized_rollback=True: " + ", ".join(careless)
        )
