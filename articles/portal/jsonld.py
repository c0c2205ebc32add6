"""schema.org descriptions of public pages, as plain dicts written
by `script_tag` (the `ld_json` filter).

Built only from objects a public view already loaded through `published()`, so nothing
here can reveal an unpublished item; URLs are absolute because search engines read them
out of context.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe

from newsroom.context_processors import LOGO, LOGO_SIZE
from newsroom.dates import iso

from ..images.markup import social_image_url
from ..models import AttendanceMode
from ..models.events import by_speaker
from .links import web_url

CONTEXT = "https://schema.org"
ATTENDANCE = {
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}


def _image(request, image):
    return social_image_url(image, request) or None


def _clean(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def publisher(request):
    return {
        "@type": "GovernmentOrganization",
        "name": settings.NEWSROOM_PUBLISHER_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(LOGO)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def organization(request, unit, with_context=False):
    data = _clean(
        {
            "@type": "GovernmentOrganization",
            "name": unit.name,
            "alternateName": unit.abbreviation,
            "url": request.build_absolute_uri(unit.get_absolute_url()),
            "sameAs": unit.website,
        }
    )
    if with_context:
        data = {"@context": CONTEXT, **data}
        if unit.parent_id:
            data["parentOrganization"] = organization(request, unit.parent)
        data["description"] = unit.description or None
        data = _clean(data)
    return data


def partner(partner):
    return _clean({"@type": "Organization", "name": partner.name, "url": partner.website})


def person(request, speaker, with_context=False, links=()):
    affiliation = speaker.affiliation
    data = _clean(
        {
            "@type": "Person",
            "name": speaker.name,
            "honorificPrefix": speaker.honorific_prefix,
            "honorificSuffix": speaker.honorific_suffix,
            "jobTitle": speaker.position,
            "url": request.build_absolute_uri(speaker.get_absolute_url()),
        }
    )
    if with_context:
        data = _clean(
            {
                "@context": CONTEXT,
                **data,
                "description": speaker.bio,
                "image": _image(request, speaker.photo),
                "affiliation": (
                    organization(request, speaker.affiliation_unit)
                    if speaker.affiliation_unit_id
                    else partner(affiliation)
                    if affiliation
                    else None
                ),
                "sameAs": [link.url for link in links],
            }
        )
    return data


def news_article(request, article, tags):
    published_at = article.first_published_at or article.publish_at
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "NewsArticle",
            "headline": article.title[:110],
            "description": article.lead,
            "url": request.build_absolute_uri(article.get_absolute_url()),
            "mainEntityOfPage": request.build_absolute_uri(article.get_absolute_url()),
            "image": [url] if (url := _image(request, article.featured_image)) else None,
            "datePublished": iso(published_at),
            "dateModified": iso(max(article.modified_at, published_at)),
            "articleSection": article.get_section_display(),
            "keywords": [tag.name for tag in tags],
            "author": organization(request, article.unit),
            "publisher": publisher(request),
            "inLanguage": "id",
        }
    )


def event(request, event, people, image=None):
    """`people`: the event's lists as its page read them (organisers, partners, speakers)."""
    online = {
        "@type": "VirtualLocation",
        "url": web_url(event.join_url) or request.build_absolute_uri(event.get_absolute_url()),
        "name": event.platform,
    }
    place = {
        "@type": "Place",
        "name": event.venue,
        "address": {"@type": "PostalAddress", "streetAddress": event.address or event.venue},
    }
    location = {
        AttendanceMode.ONLINE: _clean(online),
        AttendanceMode.OFFLINE: place,
        AttendanceMode.MIXED: [place, _clean(online)],
    }.get(event.mode)
    organisers = [organization(request, unit) for unit in people["organisers"]]
    organisers += [partner(p) for p in people["partners"]]
    speakers = people["speakers"]
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "name": event.title,
            "description": event.description,
            "url": request.build_absolute_uri(event.get_absolute_url()),
            "image": [url] if (url := _image(request, image)) else None,
            "startDate": iso(event.starts_at),
            "endDate": iso(event.ends_at),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": ATTENDANCE.get(event.mode),
            "location": location,
            "organizer": organisers or organization(request, event.unit),
            "performer": [person(request, speaker) for speaker, _roles in by_speaker(speakers)],
        }
    )


def website(request):
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": request.build_absolute_uri(reverse("articles:search")) + "?q={q}",
            "query-input": "required name=q",
        },
    }


def script_tag(data):
    """A JSON-LD <script>. `<`, `>` and `&` are escaped so no value can end the script."""
    payload = (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
