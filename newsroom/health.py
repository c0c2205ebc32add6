"""Health answers for a load balancer, before any other middleware.

`/healthz` says the process is up and touches nothing else, so a database outage does not
make every app server look dead at once; `/readyz` says whether this server can do its
work (database, cache and media store reachable) and names what failed. Both answer
before the host check, the HTTPS redirect, sessions and CSRF, so a balancer probing by IP
over plain HTTP gets an answer and no cookie is ever set.
"""

import logging
import os
import time
from pathlib import Path

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger("newsroom.health")

PROBE_NAME = "readyz-probe"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    ping = getattr(cache, "ping", None)
    if ping is not None:
        ping()
        return
    cache.set(PROBE_NAME, 1, 5)


def _media():
    if isinstance(default_storage, FileSystemStorage):
        # Nothing is written. The folder itself appears with the first upload, so what
        # must exist is a writable folder at or above it.
        path = Path(default_storage.location)
        while not path.exists() and path != path.parent:
            path = path.parent
        if not path.is_dir() or not os.access(path, os.W_OK):
            raise OSError(f"{default_storage.location} is not writable")
        return
    default_storage.exists(PROBE_NAME)  # one request to the bucket; an error raises


def _static():
    """collectstatic has run (production storage keeps a manifest); pages link hashed names."""
    manifest_exists = getattr(staticfiles_storage, "manifest_exists", None)
    if manifest_exists is not None and not manifest_exists():
        raise FileNotFoundError("static files not collected: run manage.py collectstatic")


CHECKS = {"database": _database, "cache": _cache, "media": _media, "static": _static}
# Reported in the body but never a 503: things a person must look at that are no reason
# for a balancer to take this server out (apps add theirs, e.g. the task queue).
ADVISORIES = {}


def readiness():
    """{check: "ok" | "failed: <error class>"}; every check runs, so all failures show."""
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:  # noqa: BLE001 - a failed dependency is the answer here
            # Only the kind of error is public; its text (host names, paths) goes to the log.
            results[name] = f"failed: {type(error).__name__}"
            logger.warning("readyz: %s failed: %s: %s", name, type(error).__name__, error)
        else:
            results[name] = "ok"
        results[f"{name}_ms"] = round((time.monotonic() - started) * 1000, 1)
    return results


def _answer(body, status):
    response = JsonResponse(body, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return _answer({"status": "ok"}, 200)
        if request.path == "/readyz":
            results = readiness()
            ready = all(results[name] == "ok" for name in CHECKS)
            for name, advisory in ADVISORIES.items():
                try:
                    results[name] = advisory()
                except Exception as error:  # noqa: BLE001 - reported, like the checks
                    results[name] = f"failed: {type(error).__name__}"
            return _answer(
                {"status": "ok" if ready else "unavailable", **results}, 200 if ready else 503
            )
        return self.get_response(request)
