"""The press part of `make bench-mail` (BENCH_MAIL_PARTS=press): a release under embargo
to 2,000 journalists, through real worker processes to a real SMTP server.

On the bench database (see mail_bench): BENCH_MAIL_PRESS_CONTACTS (2,000) media contacts
of one unit on one hand-picked list, the newest public article scheduled again for
tomorrow (a publisher's scheduling, as the embargo rule needs), then
`distribution.distribute(..., mode=EMBARGO)` as the distribution page calls it. Reports
when the first release reached the SMTP server and when all had (target: all within
5 minutes), how many arrived more than once, and the load. Each mail is a real release:
its own personal link, unsubscribe headers, the embargo line, the press kit's zip link.
"""

import os
import time
from datetime import date, timedelta

CONTACTS = int(os.environ.get("BENCH_MAIL_PRESS_CONTACTS", "2000"))
LIMIT = float(os.environ.get("BENCH_MAIL_PRESS_LIMIT", "600"))
DOMAIN = "pers.example.test"


def seed(unit, count):
    from outreach.models import ConsentMethod, MediaContact, MediaList  # noqa: PLC0415

    MediaList.objects.filter(name="Bench pers").delete()
    MediaContact.objects.filter(email__endswith="@" + DOMAIN).delete()
    contacts = MediaContact.objects.bulk_create(
        MediaContact(owner_unit=unit, name=f"Wartawan {n}", outlet=f"Media {n % 40}",
                     beat="pendidikan", email=f"wartawan{n}@{DOMAIN}",
                     language="en" if n % 10 == 0 else "id", consent_at=date(2026, 1, 5),
                     consent_method=ConsentMethod.IMPORTED, consent_source="bench")
        for n in range(count)
    )  # fmt: skip
    media_list = MediaList.objects.create(owner_unit=unit, name="Bench pers")
    media_list.contacts.set(contacts)
    return media_list


def embargoed_article():
    """The newest public article, scheduled again for tomorrow 10.00 (as a publisher would)."""
    from django.utils import timezone  # noqa: PLC0415

    from articles.models import Article  # noqa: PLC0415

    article = Article.objects.published().order_by("-publish_at").first()
    tomorrow = timezone.localtime() + timedelta(days=1)
    at = tomorrow.replace(hour=10, minute=0, second=0, microsecond=0)
    Article.objects.filter(pk=article.pk).update(publish_at=at)
    article.refresh_from_db()
    return article, at


def run(smtp, start_workers):
    from django.contrib.auth import get_user_model  # noqa: PLC0415

    from outreach.models import ReleaseMode  # noqa: PLC0415
    from outreach.press import distribution  # noqa: PLC0415

    from .subscriber_bench import clear  # noqa: PLC0415

    article, at = embargoed_article()
    media_list = seed(article.unit, CONTACTS)
    publisher = get_user_model().objects.filter(is_superuser=True).first()
    clear()
    smtp.ids.clear()
    workers = start_workers()
    try:
        time.sleep(2)  # the workers are up, as in production
        print(f"press: {CONTACTS:,} contacts, embargo until {at:%Y-%m-%d %H:%M}; "
              f"load {os.getloadavg()[0]:.2f}")  # fmt: skip
        started = time.monotonic()
        distribution.distribute(
            article, publisher, lists=[media_list], mode=ReleaseMode.EMBARGO,
            embargo_until=at, note="Bench", contact=("Humas", "humas@example.test", ""),
        )  # fmt: skip
        first = None
        while len(smtp.ids) < CONTACTS and time.monotonic() - started < LIMIT:
            if first is None and smtp.ids:
                first = time.monotonic() - started
            time.sleep(0.2)
        took = time.monotonic() - started
    finally:
        for process in workers:
            process.terminate()
            process.wait(timeout=30)
    received = smtp.messages
    press = [m for m in received if m["To"].endswith("@" + DOMAIN)]
    embargo = sum(1 for m in press if m["Subject"].startswith("[EMBARGO]"))
    twice = sum(1 for n in smtp.ids.values() if n > 1)
    print(f"press release under embargo: first handed over after {first or float('nan'):.1f} s; "
          f"{len(press):,}/{CONTACTS:,} journalists in {took:.1f} s "
          f"({len(press) / took:.0f}/s; target 300 s); [EMBARGO] subjects {embargo:,}; "
          f"more than once: {twice}; load {os.getloadavg()[0]:.2f}")  # fmt: skip
    return took
