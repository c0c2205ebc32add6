"""The subscribers' part of `make bench-mail`: one publish to 50,000, and a daily digest.

On the bench database (see mail_bench): creates BENCH_MAIL_SUBSCRIBERS (50,000) confirmed
subscribers following all news, starts BENCH_MAIL_WORKERS worker processes, enqueues the
alert fan-out of one published article as the `published` event would, and reports when
the first alert reached the SMTP server (target: 60 s), how long all took (target: 30
minutes) and whether any arrived twice. Then the same subscribers become daily ones and
the digest is built and handed over (target: 10 minutes). Capped by
BENCH_MAIL_SUBSCRIBER_LIMIT seconds per part (default 1800). The last numbers, with the
machine's load, are in docs/performance.md (*Mail to subscribers*).
"""

import os
import time

SUBSCRIBERS = int(os.environ.get("BENCH_MAIL_SUBSCRIBERS", "50000"))
LIMIT = float(os.environ.get("BENCH_MAIL_SUBSCRIBER_LIMIT", "1800"))


def seed(count):
    from django.utils import timezone  # noqa: PLC0415 - Django is set up by the caller

    from outreach.models import Subscriber, Subscription  # noqa: PLC0415

    Subscriber.objects.all().delete()
    since = timezone.now() - timezone.timedelta(days=30)
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
          f"{len(smtp.ids):,}/{expected:,} in {took:.1f} s "
          f"({len(smtp.ids) / took:.0f}/s); more than once: {twice}; "
          f"load {os.getloadavg()[0]:.2f}")  # fmt: skip
    return took


def fresh_items(count=3):
    """The latest published articles moved into the last hours: the digest's news."""
    from django.utils import timezone  # noqa: PLC0415

    from articles.models import Article  # noqa: PLC0415

    now = timezone.now()
    latest = Article.objects.published().order_by("-publish_at")[:count]
    for n, pk in enumerate(latest.values_list("pk", flat=True)):
        Article.objects.filter(pk=pk).update(publish_at=now - timezone.timedelta(hours=n + 1))
    return count


def run(smtp, start_workers, reader, idle_p99):
    """The alert (read by `reader` meanwhile, against `idle_p99`), then the daily digest."""
    from articles.models import Article  # noqa: PLC0415
    from outreach.models import Subscriber  # noqa: PLC0415
    from outreach.subscribers import alerts, digests  # noqa: PLC0415

    seed(SUBSCRIBERS)
    article = Article.objects.published().order_by("-publish_at").first()
    clear()
    smtp.ids.clear()
    workers = start_workers()
    try:
        time.sleep(2)  # the workers are up, as in production before a publish
        reader.start()
        started = time.monotonic()
        alerts.fan_out.enqueue("article", article.pk, 0)
        wait(smtp, SUBSCRIBERS, started, "alert")
        busy_p99, busy_n = reader.stop()
        print(f"article p99 during the alert send: {busy_p99:.1f} ms ({busy_n} requests); "
              f"{busy_p99 / idle_p99:.2f}x idle")  # fmt: skip
        clear()
        smtp.ids.clear()
        items = fresh_items()
        Subscriber.objects.update(frequency="daily")
        started = time.monotonic()
        digests.start("daily")
        wait(smtp, SUBSCRIBERS, started, f"daily digest ({items} new articles each)")
    finally:
        for process in workers:
            process.terminate()
            process.wait(timeout=30)
