"""What the public pages cost to render: median time and SQL queries per page.

Runs against a throw-away SQLite database holding the demo data plus 500 more
published articles, so list pages, search and feeds work on a realistic amount.
Caches are cleared before every request: these are cold renders, the worst case.
"""

import os
import statistics
import tempfile
import time
from datetime import timedelta

RUNS = 15
EXTRA_ARTICLES = 500


def _database():
    """Point Django at a fresh SQLite file before anything touches the database."""
    from django.conf import settings
    from django.db import connections

    path = os.path.join(tempfile.mkdtemp(prefix="newsroom-bench-"), "bench.sqlite3")
    settings.DATABASES["default"]["NAME"] = path
    settings.MEDIA_ROOT = os.path.join(os.path.dirname(path), "media")
    connections["default"].close()
    connections["default"].settings_dict["NAME"] = path


def _content():
    from django.core.management import call_command
    from django.utils import timezone

    from articles.demo.loader import load
    from articles.models import Article, Status
    from units.models import WorkUnit

    call_command("migrate", verbosity=0)
    load(report=lambda *_: None)
    units = list(WorkUnit.objects.all())
    now = timezone.now()
    for n in range(EXTRA_ARTICLES):
        article = Article.objects.create(
            title=f"Berita tolok ukur nomor {n} tentang pendidikan vokasi",
            slug=f"tolok-ukur-{n}",
            lead="Teras berita untuk mengukur kecepatan halaman.",
            body="<p>" + "Isi berita yang cukup panjang. " * 60 + "</p>",
            unit=units[n % len(units)],
            status=Status.PUBLISHED,
            publish_at=now - timedelta(hours=n),
            first_published_at=now - timedelta(hours=n),
        )
        article.tags.add("vokasi", f"topik-{n % 20}")
    return Article.objects.published().order_by("-publish_at").first()


def run():
    _database()
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    article = _content()
    pages = {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": "/rubrik/berita/",
        "tag": "/topik/vokasi/",
        "agenda": "/agenda/",
        "search": "/cari/?q=vokasi",
        "archive": "/arsip/",
        "rss": "/feed/rss/",
        "sitemap": "/sitemap.xml",
    }
    client = Client()
    print(f"{'page':10} {'median ms':>10} {'queries':>8}  ({EXTRA_ARTICLES} extra articles)")
    for name, url in pages.items():
        timings = []
        for _ in range(RUNS):
            cache.clear()
            # The log keeps the last 9,000 queries: once making the content filled it, a
            # capture's start and end both read 9,000 and every page would count 0.
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{name:10} {statistics.median(timings):10.1f} {len(queries):8d}")
