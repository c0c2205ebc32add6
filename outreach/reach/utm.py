"""Links tagged with UTM parameters, so the beacon tells what each channel brought.

The share kit, subscriber mail and press releases all tag their links here: the source
names the channel (`channels.TAGGED`), the medium is "email" for mail and "social" for
the rest, the campaign is the item's slug unless the editor chose another. The page
cache leaves `utm_*` out of its key (`newsroom.pagecache`), so a tagged link is as fast
as a plain one.
"""

import re
from urllib.parse import urlencode, urlsplit, urlunsplit

# The share kit's channels, in the order it lists them.
SOCIAL = ("whatsapp", "instagram", "facebook", "x", "youtube", "tiktok")
EMAIL = ("newsletter", "press")
SOURCES = SOCIAL + EMAIL
_CAMPAIGN = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")


def medium(source):
    return "email" if source in EMAIL else "social"


def campaign_or_none(text):
    """A chosen campaign name, lowercased, if it is a short slug; else None."""
    text = (text or "").strip().lower()
    return text if _CAMPAIGN.fullmatch(text) else None


def tag(url, source, campaign):
    """`url` with utm_source, utm_medium and utm_campaign added to its query."""
    parts = urlsplit(url)
    params = urlencode(
        {"utm_source": source, "utm_medium": medium(source), "utm_campaign": campaign}
    )
    query = f"{parts.query}&{params}" if parts.query else params
    return urlunsplit(parts._replace(query=query))
