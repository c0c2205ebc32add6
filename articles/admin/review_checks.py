"""Checks before review, beside the article form (issue 27).

What an editor catches one review round later, shown to the writer while typing: length
and reading time; title and lead lengths for search results and social cards; the
dateline ("Jakarta, Ditjen Diksi --") or the initials ("(Diksi/RA/AP/DE)") typed into the
body although the site adds both, each with a one-click fix; pictures nobody described;
links to `http://`, to items readers cannot open yet, or to the staff pages.

The form's script (`articles/static/articles/editor/checks.js`) posts the fields as they
are typed and shows the answer; a fix is the body as it should be, which the editor takes.
Bounded: the body is cut at the staff body limit, at most `MAX_LINKS` links are looked at,
and the lookups are one query for articles, one for events and one for pictures.
"""

import math
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from newsroom.limits import MAX_BODY_CHARS

from ..models import Article, Event, Image
from ..models.sanitize import own_image_hosts

WORDS_PER_MINUTE = 200
TITLE_MAX = 60  # what a search result shows before cutting it
LEAD_MIN, LEAD_MAX = 50, 160  # a description for search results and social cards
MAX_LINKS = 200
DASHES = r"(?:-{1,3}|–|—)"
_BYLINE_CODE = re.compile(
    r"\s*\(\s*[A-Za-z][\w.]{0,19}(?:\s*/\s*[A-Za-z]{1,6})+\s*\)\s*((?:</[a-z0-9]+>\s*)*)$"
)
_EMPTY_LAST = re.compile(r"<p>\s*</p>\s*$")
_STAFF_PATHS = ("/admin/", "/redaksi/", "/pratinjau/")
_PUBLIC_ITEM = re.compile(r"^/(?:en/)?(berita|agenda)/([-\w]+)/?$")


class _Body(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.links, self.images = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href") and len(self.links) < MAX_LINKS:
            self.links.append(attrs["href"].strip())
        elif tag == "img":
            self.images.append((attrs.get("src") or "", (attrs.get("alt") or "").strip()))
        elif tag in ("p", "li", "h2", "h3", "h4", "td", "th", "br"):
            self.text.append(" ")

    def handle_data(self, data):
        self.text.append(data)


def _dateline_pattern(dateline, source):
    if dateline.strip() and source.strip():
        words = rf"{re.escape(dateline.strip())}\s*,\s*{re.escape(source.strip())}"
    else:  # "Kota, Sumber --" whatever the fields say
        words = r"[A-Z][\w .]{1,40},\s*[^<,]{2,60}?"
    return re.compile(
        rf"^(\s*<p>)((?:<[a-z0-9]+>)*)\s*{words}\s*{DASHES}\s*((?:</[a-z0-9]+>)*)\s*",
        re.IGNORECASE,
    )


def without_dateline(body, dateline, source):
    """The body without a dateline at its start, or None when it has none."""
    fixed, count = _dateline_pattern(dateline, source).subn(r"\1\2\3", body, count=1)
    return fixed if count else None


def without_initials(body):
    """The body without a byline code at its end, or None when it has none."""
    fixed, count = _BYLINE_CODE.subn(r"\1", body.rstrip(), count=1)
    return _EMPTY_LAST.sub("", fixed) if count else None


def _link_problems(links):
    host = (urlsplit(settings.SITE_URL).hostname or "").lower()
    insecure, staff, public = [], [], {"berita": set(), "agenda": set()}
    for href in links:
        try:
            parts = urlsplit(href)
        except ValueError:
            continue
        if parts.scheme == "http":
            insecure.append(href)
        own = not parts.netloc or (parts.hostname or "").lower() in {host, *own_image_hosts()}
        if not own or parts.scheme not in ("", "http", "https"):
            continue
        if parts.path.startswith(_STAFF_PATHS):
            staff.append(href)
        elif match := _PUBLIC_ITEM.match(parts.path):
            public[match.group(1)].add(match.group(2))
    unpublished = []
    for kind, model in (("berita", Article), ("agenda", Event)):
        wanted = public[kind]
        if wanted:
            live = set(
                model.objects.published().filter(slug__in=wanted).values_list("slug", flat=True)
            )
            unpublished += [f"/{kind}/{slug}/" for slug in sorted(wanted - live)]
    return insecure, staff, unpublished


def _undescribed(images):
    """Pictures with no alt text in the body and none in the library either."""
    blank = [src for src, alt in images if not alt]
    names = {src: src.split("/media/", 1)[-1] for src in blank}
    described = set(
        Image.objects.filter(file__in=set(names.values()))
        .exclude(alt_text="")
        .values_list("file", flat=True)
    )
    return [src for src in blank if names[src] not in described]


def _problem(code, message, fix=None):
    return {"code": code, "message": message, "fix": fix}


def review(title, lead, body, dateline, source):
    body = body[:MAX_BODY_CHARS]
    parsed = _Body()
    parsed.feed(body)
    parsed.close()
    words = len(re.findall(r"\w+", unescape("".join(parsed.text))))
    minutes = max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0
    facts = [
        ngettext("%(n)d kata", "%(n)d kata", words) % {"n": words}
        + " · "
        + ngettext("%(n)d menit membaca", "%(n)d menit membaca", minutes) % {"n": minutes},
        _("Judul %(n)d karakter (hasil pencarian memotong setelah %(max)d)")
        % {"n": len(title.strip()), "max": TITLE_MAX},
        _("Teras %(n)d karakter (kartu media sosial: %(min)d–%(max)d)")
        % {"n": len(lead.strip()), "min": LEAD_MIN, "max": LEAD_MAX},
    ]
    problems = []
    if len(title.strip()) > TITLE_MAX:
        problems.append(_problem("title", _("Judul terlalu panjang untuk hasil pencarian.")))
    if lead.strip() and not LEAD_MIN <= len(lead.strip()) <= LEAD_MAX:
        problems.append(
            _problem("lead", _("Teras sebaiknya %(min)d–%(max)d karakter.") % {
                "min": LEAD_MIN, "max": LEAD_MAX})
        )  # fmt: skip
    if (fixed := without_dateline(body, dateline, source)) is not None:
        problems.append(
            _problem(
                "dateline",
                _("Isi berita diawali “%(line)s”, yang sudah ditambahkan situs.")
                % {"line": f"{dateline}, {source} --"},
                {"body": fixed},
            )
        )
    if (fixed := without_initials(body)) is not None:
        problems.append(
            _problem(
                "initials",
                _("Isi berita diakhiri kode penulis, yang sudah ditambahkan situs."),
                {"body": fixed},
            )
        )
    if missing := _undescribed(parsed.images):
        problems.append(
            _problem(
                "alt",
                ngettext(
                    "%(n)d gambar belum punya teks alternatif.",
                    "%(n)d gambar belum punya teks alternatif.",
                    len(missing),
                )
                % {"n": len(missing)},
            )
        )
    insecure, staff, unpublished = _link_problems(parsed.links)
    for code, found, message in (
        ("http", insecure, _("Tautan tanpa https://: %(links)s")),
        ("staff", staff, _("Tautan ke halaman staf, yang tidak dapat dibuka pembaca: %(links)s")),
        ("unpublished", unpublished, _("Tautan ke konten yang belum terbit: %(links)s")),
    ):
        if found:
            problems.append(_problem(code, message % {"links": ", ".join(found[:5])}))
    return {"facts": facts, "problems": problems}


@never_cache
@require_POST
def review_checks(request):
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("articles.change_article")):
        return JsonResponse({"facts": [], "problems": []}, status=403)
    data = request.POST
    return JsonResponse(
        review(
            data.get("title", "")[:1000],
            data.get("lead", "")[:20_000],
            data.get("body", ""),
            data.get("dateline", "")[:100],
            data.get("source", "")[:100],
        )
    )
