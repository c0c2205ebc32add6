"""The accuracy replay: 10,000 generated visits through the real beacon endpoint and the
clock's flush give views and unique visitors within ±5% of the truth, per channel.

The log: 30% of the visits are robots (crawlers and link previews by their browser string,
headless browsers that do run the script, prefetches, and robots that fetch the page but
never run the script); the readers come back to the same story, some several times, some
behind one carrier address with other phones, through tagged links, referrers, or directly.
The truth is counted from the log by the definitions the dashboard documents (docs/reach.md):
a view is a reader's page load; a unique visitor is a reader's first view of an item that
day, in the channel it came through.
"""

import random
from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from outreach.background import clock
from outreach.background.schedule import JOBS
from outreach.models import DailyReach
from outreach.reach import dashboard
from tests import factories as f

from .conftest import beacon, flushed

pytestmark = pytest.mark.django_db
VISITS = 10_000
BOT_SHARE = 0.30
TOLERANCE = 0.05

PHONES = [
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/119.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
    "like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "WhatsApp/2.23.20.0 A",  # the link preview fetcher: too short a string to be a browser
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/120.0.0.0 Safari/537.36",
    "python-requests/2.31.0",
    "curl/8.4.0",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
]
# (weight, utm_source, referrer, channel)
SOURCES = [
    (22, "whatsapp", "", "whatsapp"),
    (8, "wa", "", "whatsapp"),
    (10, "facebook", "https://l.facebook.com/", "facebook"),
    (6, "instagram", "https://l.instagram.com/", "instagram"),
    (5, "x", "https://t.co/ab12", "x"),
    (4, "newsletter", "", "newsletter"),
    (2, "press", "", "press"),
    (3, "hari-guru", "", "campaign"),
    (14, "", "https://www.google.co.id/", "search"),
    (4, "", "https://m.facebook.com/", "social"),
    (3, "", "https://web.whatsapp.com/", "messaging"),
    (4, "", "https://detik.com/berita/1", "sites"),
    (5, "", "http://testserver/", "internal"),
    (10, "", "", "direct"),
]


def make_log(rng, keys):
    """[(kind, item, source, referrer, ua, ip, channel)]: 'reader' or 'robot' visits."""
    readers = []
    for n in range(1800):
        ip = f"10.{n // 250}.{n % 250}.7"
        readers.append((ip, rng.choice(PHONES) + f" r{n}"))
    for n in range(40):  # one carrier address, many phones
        readers.append(("182.1.1.1", rng.choice(PHONES) + f" nat{n}"))
    log = []
    robots = int(VISITS * BOT_SHARE)
    while len(log) < VISITS - robots:
        ip, ua = rng.choice(readers)
        item = rng.choice(keys)
        _w, source, referrer, channel = rng.choices(SOURCES, [s[0] for s in SOURCES])[0]
        repeat = rng.choices([1, 2, 3, 5], [70, 18, 9, 3])[0]
        for n in range(min(repeat, VISITS - robots - len(log))):
            # A reload or a second look comes straight back: no referrer, no tag.
            again = n > 0 and rng.random() < 0.5
            log.append(("reader", item, "" if again else source, "" if again else referrer, ua, ip,
                        None if again else channel))  # fmt: skip
    for n in range(robots):
        item = rng.choice(keys)
        style = rng.choices(["ua", "prefetch", "head", "noscript"], [60, 15, 10, 15])[0]
        ua = rng.choice(BOTS) if style == "ua" else rng.choice(PHONES)
        log.append((f"robot-{style}", item, "", "", ua, f"172.16.{n % 200}.{n % 250}", None))
    rng.shuffle(log)
    return log


def replay(client, log):
    """Send the log; returns the truth {channel: [views, visitors]}."""
    truth = Counter(), Counter()
    first_channel = {}  # (reader, item) -> channel of their first view
    for kind, item, source, referrer, ua, ip, channel in log:
        if kind == "reader":
            beacon(client, item, source=source, referrer=referrer, ua=ua, ip=ip)
            who = (ip, ua, item)
            if who not in first_channel:
                first_channel[who] = channel or "direct"
                truth[1][first_channel[who]] += 1
            truth[0][channel or "direct"] += 1
        elif kind == "robot-ua":
            beacon(client, item, ua=ua, ip=ip)
        elif kind == "robot-prefetch":
            beacon(client, item, ua=ua, ip=ip, HTTP_SEC_PURPOSE="prefetch")
        elif kind == "robot-head":
            client.head("/r", HTTP_USER_AGENT=ua, REMOTE_ADDR=ip)
        # robot-noscript: fetched the page, never ran the script, so no beacon at all.
    return truth


def test_ten_thousand_visits_are_counted_within_five_percent_per_channel(client):
    rng = random.Random(26)
    items = [f.article() for _ in range(12)] + [f.event() for _ in range(4)]
    keys = [f"{'e' if hasattr(i, 'starts_at') else 'a'}{i.pk}" for i in items] + ["l:home"]
    log = make_log(rng, keys)
    assert len(log) == VISITS and sum(v[0] != "reader" for v in log) == VISITS * BOT_SHARE
    views, visitors = replay(client, log)
    flushed()

    counted = {
        channel: (v, u)
        for channel, v, u in DailyReach.objects.values_list("channel")
        .annotate(v=Sum("views"), u=Sum("visitors"))
        .values_list("channel", "v", "u")
    }
    assert set(counted) == set(views)
    report = []
    for channel in views:
        got_views, got_visitors = counted[channel]
        report.append((channel, views[channel], got_views, visitors[channel], got_visitors))
        assert abs(got_views - views[channel]) <= TOLERANCE * views[channel], report
        assert abs(got_visitors - visitors[channel]) <= TOLERANCE * visitors[channel], report
    assert sum(views.values()) == VISITS * (1 - BOT_SHARE)
    print("\nchannel, true views, counted, true visitors, counted")
    for line in sorted(report):
        print(*line, sep=", ")


def test_a_view_is_on_the_dashboard_within_five_minutes_through_the_clock(client, monkeypatch):
    article = f.article()
    beacon(client, f"a{article.pk}", source="whatsapp")
    later = timezone.now() + timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "flush-reach" in clock.tick(JOBS)  # the clock's minute job, as it runs
    last30, minutes = dashboard.recent(article.unit)
    assert dict(last30) == {"WhatsApp": 1}
    assert sum(views for _m, views in minutes) == 1
