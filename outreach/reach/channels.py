"""Where a view came from: the tagged link's source, else the referrer's kind, else direct.

Channels are a short fixed list so a forged beacon cannot invent new rows: a UTM source
outside the list is "campaign" (some other tagged link), a referrer outside the known
networks "other sites".
"""

from django.utils.translation import gettext_lazy as _

# Sources the share kit tags (and subscriber alerts, press releases); each its own channel.
TAGGED = {
    "whatsapp": "WhatsApp",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "x": "X",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "linkedin": "LinkedIn",
    "newsletter": _("Buletin/langganan"),
    "press": _("Siaran pers (surel)"),
}
GROUPS = {
    "campaign": _("Tautan bertanda lain"),
    "social": _("Media sosial"),
    "search": _("Mesin pencari"),
    "messaging": _("Aplikasi pesan"),
    "internal": _("Dari situs ini"),
    "sites": _("Situs lain"),
    "direct": _("Langsung"),
}
LABELS = {**TAGGED, **GROUPS}
# UTM sources that name a tagged channel under another spelling.
ALIASES = {
    "twitter": "x",
    "fb": "facebook",
    "ig": "instagram",
    "wa": "whatsapp",
    "email": "newsletter",
}

# Registrable names (the last two labels, or three under a country's second level).
SOCIAL = {
    "facebook.com",
    "fb.com",
    "fb.me",
    "instagram.com",
    "t.co",
    "twitter.com",
    "x.com",
    "linkedin.com",
    "lnkd.in",
    "youtube.com",
    "youtu.be",
    "tiktok.com",
    "threads.net",
    "reddit.com",
    "pinterest.com",
    "kaskus.co.id",
}
SEARCH = {
    "google.com",
    "google.co.id",
    "bing.com",
    "duckduckgo.com",
    "yahoo.com",
    "yandex.com",
    "yandex.ru",
    "baidu.com",
    "ecosia.org",
    "brave.com",
    "search.brave.com",
    "qwant.com",
}
MESSAGING = {
    "whatsapp.com",
    "wa.me",
    "t.me",
    "telegram.org",
    "telegram.me",
    "line.me",
    "messenger.com",
    "discord.com",
    "slack.com",
}


def registrable(host):
    """`m.facebook.com` -> `facebook.com`; `news.google.co.id` -> `google.co.id`."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and labels[-2] in {"co", "com", "go", "ac", "or", "net", "org"}:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def from_source(source):
    source = ALIASES.get(source, source)
    return source if source in TAGGED else "campaign"


def from_referrer(host, own_host):
    if not host:
        return "direct"
    if own_host and registrable(host) == registrable(own_host):
        return "internal"
    name = registrable(host)
    if name in SOCIAL:
        return "social"
    if name in SEARCH or name.split(".")[0] in {"google", "bing", "yahoo"}:
        return "search"
    if name in MESSAGING:
        return "messaging"
    return "sites"


def classify(source, referrer_host, own_host):
    """The channel of one view: a tagged link wins; then the referrer; then direct."""
    source = (source or "").strip().lower()
    if source:
        return from_source(source)
    return from_referrer(referrer_host, own_host)
