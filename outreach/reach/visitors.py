"""Who is one visitor for one day, without keeping who they are.

A visitor is a hash of the day's salt, the site, the client address and the browser
string. The salt is random, made at the day's first view and deleted by Redis at the
day's end (WIB), at most 24 hours later: after that not even this code can tell whether
two hashes of different days are the same reader, and the hashes themselves expire with
it. The address and the browser string are read from the request and never written.
"""

import hashlib
import re
from datetime import datetime, time, timedelta

from django.utils import timezone

# Browser strings of robots, crawlers, link previews and scripted clients. The beacon
# also needs script to run, which most of them never do; this drops those that do.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|headless|phantom|"
    r"lighthouse|pagespeed|python|curl|wget|httpclient|java/|go-http|okhttp|axios|"
    r"node-fetch|scrapy|monitor|uptime|pingdom|feedfetcher|mediapartners|"
    # Link-preview fetchers whose strings name no robot: WhatsApp's begins "WhatsApp/2...".
    r"^whatsapp/|skypeuripreview|vkshare",
)  # matched against the lowercased string: IGNORECASE is slower on every beacon


def is_bot(user_agent):
    return not user_agent or len(user_agent) < 10 or bool(BOTS.search(user_agent.lower()))


def today(now=None):
    return timezone.localtime(now).date()


def seconds_left(now=None):
    """Until the end of today in WIB: how long today's salt and hashes may live."""
    local = timezone.localtime(now)
    end = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))
    return max(1, int((end - local).total_seconds()))


def digest(*parts):
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()
