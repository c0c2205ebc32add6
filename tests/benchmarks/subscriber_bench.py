"""The subscribers' part of `make bench-mail`: one publish to 50,000, and a daily digest.

On the bench database (see mail_bench): creates BENCH_MAIL_SUBSCRIBERS (50,000) confirmed
subscribers following all news, starts BENCH_MAIL_WORKERS worker processes, enqueues the
alert fan-out of one published article as the `published` event would, and reports when
the first alert reached the SMTP server (target: 60 s), how long all took (target: 30
minutes) and whether any arrived twice. Then the same subscribers become daily ones and
the digest is built and handed over (target: 10 minutes). Capped by
BENCH_MAIL_SUBSCRIBER_LIMIT seconds per part (default 1800).
"""

import os
import time

SUBSCRIBERS = int(os.environ.get("BENCH_MAIL_SUBSCRIBERS", "50000"))
LIMIT = float(os.environ.get("BENCH_MAIL_SUBSCRIBER_LIMIT", "1800"))


def seed(count):
    from django.utils import timezone  # noqa: PLC0415 - Django is set up by the caller

    from outreach.models import Subscriber, Subscription  # noqa: PLC0415

    Subscriber.objects.all().delete()
    since = timezone.now() - timezone.timedelta(days=1)
    for start in range(0, count, 5000):
        rows = Subscriber.objects.bulk_create(
            Subscriber(email=f"pelanggan{n}@example.test", language="id",
                       frequency="immediate", confirmed_at=since, consent_at=since,
                       consent_text="bench")
            for n in range(start, min(start + 5000, count))
        )  # fmt: skip
        Subscription.objects.bulk_create(Subscription(subscriber=row, kind="all") for row in rows)
    print(f"seeded {count:,} confirmed subscribers")


def clear():
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    from outreach.models import OutboxMessage, SentItem  # noqa: PLC0415

    SentItem.objects.all().delete()
    OutboxMessage.objects.all().delete()
    DBTaskResult.objects.all().delete()


def wait(smtp, expected, started, label):
    first = None
    while len(smtp.ids) < expected and time.monotonic() - started < LIMIT:
        if first is None and smtp.ids:
            first = time.monotonic() - started
        time.sleep(0.2)
    if first is None and smtp.ids:
        first = time.monotonic() - started
    took = time.monotonic() - started
    twice = sum(1 for n in smtp.ids.values() if n > 1)
    print(f"{label}: first handed over after {first or float('nan'):.1f} s; "
          f"{len(smtp.ids):,}/{expected:,} in {took:.1f} s; more than once: {twice}")  # fmt: skip


def run(smtp, start_workers):
    from articles.models import Article  # noqa: PLC0415
    from outreach.models import Subscriber  # noqa: PLC0415
    from outreach.subscribers import alerts, digests  # noqa: PLC0415

    seed(SUBSCRIBERS)
    article = Article.objects.published().order_by("-publish_at").first()
    clear()
    smtp.ids.clear()
    workers = start_workers()
    try:
        started = time.monotonic()
        alerts.fan_out.enqueue("article", article.pk, 0)
        wait(smtp, SUBSCRIBERS, started, "alert")
        clear()
        smtp.ids.clear()
        Subscriber.objects.update(frequency="daily")
        started = time.monotonic()
        digests.start("daily")
        wait(smtp, SUBSCRIBERS, started, "daily digest")
    finally:
        for process in workers:
            process.terminate()
            process.wait(timeout=30)
