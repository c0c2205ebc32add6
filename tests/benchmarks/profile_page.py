"""Where an uncached public page spends its CPU: cProfile over N in-process requests.

    DATABASE_URL=postgres://... .venv/bin/python -m tests.benchmarks.profile_page /berita/slug/

Production settings with the page cache off (as the bench's "uncached" stack), one process,
PROFILE_WARMUP requests first (templates compiled, connections open), then PROFILE_REQUESTS
profiled ones through Django's test client; prints the CPU per request, the queries per
request and the top functions by own and cumulative time. Not part of `make test`.

PROFILE_USER=redaktur profiles a staff page as that user (force_login: no password, no
second factor); PROFILE_SQL=1 also prints each query of one request with its time.
"""

import cProfile
import os
import pstats
import statistics
import sys
import time

WARMUP = int(os.environ.get("PROFILE_WARMUP", "30"))
REQUESTS = int(os.environ.get("PROFILE_REQUESTS", "300"))
# Unprofiled blocks of PROFILE_REQUESTS each: the CPU a request is their median.
BLOCKS = int(os.environ.get("PROFILE_BLOCKS", "1"))


def main(path):
    os.environ.update(
        NEWSROOM_ENV="production", DEBUG="0", SECRET_KEY="profile-only-" + "x" * 40,
        ALLOWED_HOSTS="testserver", SITE_URL="http://testserver", SECURE_SSL_REDIRECT="0",
        NEWSROOM_PAGE_CACHE="0", NEWSROOM_REQUIRE_2FA="0",
        LOG_LEVEL="WARNING", DJANGO_SETTINGS_MODULE="newsroom.settings",
    )  # fmt: skip
    import django  # noqa: PLC0415 - configured from the environment set just above

    django.setup()
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    from newsroom.statements import readable  # noqa: PLC0415

    client = Client()
    if os.environ.get("PROFILE_USER"):
        from django.contrib.auth import get_user_model  # noqa: PLC0415

        client.force_login(get_user_model().objects.get(username=os.environ["PROFILE_USER"]))
    for _ in range(WARMUP):
        assert client.get(path).status_code == 200
    executed = []

    def timed(run, sql, *args):
        began = time.perf_counter()
        try:
            return run(sql, *args)
        finally:
            executed.append(((time.perf_counter() - began) * 1000, sql))

    with connection.execute_wrapper(timed):
        client.get(path)
    if os.environ.get("PROFILE_SQL"):
        for took, sql in executed:
            print(f"{took:7.2f} ms  {readable(sql)[:400]}")
    blocks = []
    for _ in range(BLOCKS):
        started = time.process_time()
        for _ in range(REQUESTS):
            client.get(path)
        blocks.append((time.process_time() - started) * 1000 / REQUESTS)
    plain = statistics.median(blocks)
    if BLOCKS > 1:
        print("blocks: " + ", ".join(f"{block:.2f}" for block in blocks))
    if os.environ.get("PROFILE_SKIP"):
        print(f"{path}: {plain:.2f} ms CPU a request unprofiled, {len(executed)} queries")
        return 0
    profile = cProfile.Profile(time.process_time)  # CPU, not waits on PostgreSQL
    profile.enable()
    for _ in range(REQUESTS):
        client.get(path)
    profile.disable()
    print(f"{path}: {plain:.2f} ms CPU a request unprofiled, {len(executed)} queries")
    if os.environ.get("PROFILE_OUT"):
        profile.dump_stats(os.environ["PROFILE_OUT"])
    stats = pstats.Stats(profile).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(45)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/"))
