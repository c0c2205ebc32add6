"""A feed entry built once per article and written by every format (RSS, Atom, JSON
Feed), so the formats can never disagree about an item's id, dates or content.
"""

from dataclasses import dataclass
from datetime import UTC
from urllib.parse import urljoin

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from taggit.models import TaggedItem

from newsroom.http import base_url, site_host

from ..images.markup import bounded_body, rendition_url
from ..models import Article, attach_credits
from ..models.sanitize import sanitize_html
from .scopes import FEED_SIZE


@dataclass
class Media:
    url: str
    length: int
    mime_type: str
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass
class Entry:
    guid: str
    link: str
    title: str
    summary: str
    content_html: str
    published: object
    updated: object
    author: str
    contributors: list
    categories: list
    image: Media | None


def guid_for(article):
    """A tag: URI (RFC 4151) that survives title, slug and host changes.

    Built from what never changes: the site's host, the day the row was created (UTC)
    and its primary key.
    """
    day = article.created_at.astimezone(UTC).date().isoformat()
    return f"tag:{site_host()},{day}:berita/{article.pk}"


def absolute_html(html, base):
    """The body, sanitised again on the way out, with every link and image URL absolute.

    Feed readers show content away from our pages, where a relative URL points nowhere.
    The stored body is already clean; re-cleaning covers rows written around save().
    """

    def absolutise(tag, attribute, value):
        if attribute in ("href", "src"):
            return urljoin(base, value)
        if attribute == "srcset":
            candidates = (candidate.strip().split(None, 1) for candidate in value.split(","))
            return ", ".join(
                " ".join([urljoin(base, parts[0]), *parts[1:]]) for parts in candidates if parts
            )
        return value

    return sanitize_html(html, attribute_filter=absolutise)


def image_media(image, base, label="w960"):
    """The featured picture as an enclosure: one bounded rendition (never the original
    upload), with its real byte length and MIME type."""
    if image is None or not image.file:
        return None
    rendition = next(
        (
            r
            for key, r in (image.renditions or {}).items()
            if key.rsplit(".", 1)[0] == label and r.get("format") in ("jpeg", "png")
        ),
        None,
    )
    if rendition is None:
        return None  # no bounded copy to send: no enclosure rather than the original
    try:
        length = image.file.storage.size(rendition["name"])
    except OSError:
        return None  # the file is gone from storage: no enclosure rather than a broken one
    return Media(
        url=urljoin(base, rendition_url(image, label)),
        length=length,
        mime_type=f"image/{rendition['format']}",
        alt=image.alt_text,
        caption=image.caption,
        credit=_("Foto: %(credit)s") % {"credit": image.credit} if image.credit else "",
    )


def _person(user):
    if user is None:
        return ""
    profile = getattr(user, "staff_profile", None)
    return user.get_full_name() or (profile.initials if profile else "")


def _figure(media):
    caption = " ".join(part for part in (media.caption, media.credit) if part)
    return format_html(
        '<figure><img src="{}" alt="{}">{}</figure>',
        media.url,
        media.alt,
        format_html("<figcaption>{}</figcaption>", caption) if caption else "",
    )


def _corrections(article):
    notes = list(article.corrections.all())
    if not notes:
        return ""
    return format_html_join(
        "",
        "<p><strong>{}</strong> ({}): {}</p>",
        (
            (_("Ralat"), date_format(timezone.localtime(note.noted_at), "l, j F Y"), note.text)
            for note in notes
        ),
    )


def build_entries(articles, base):
    """Everything a feed format needs about each article, from already-fetched rows."""
    entries = []
    for article in articles:
        link = urljoin(base, article.get_absolute_url())
        media = image_media(article.featured_image, base)
        corrections = list(article.corrections.all())
        updated = max(
            [article.modified_at, *(note.noted_at for note in corrections)],
        )
        # The whole item, as its page reads: the dateline and lead, the body with bounded
        # pictures, the writers' code, the corrections.
        content = _figure(media) if media else ""
        content += format_html(
            "<p><strong>{}, {} --</strong> {}</p>", article.dateline, article.source, article.lead
        )
        content += absolute_html(bounded_body(article.body), link)
        content += format_html("<p>({})</p>", article.byline_code)
        content += _corrections(article)
        writer = _person(article.writer)
        contributors = [
            name for name in (_person(article.editor), _person(article.photographer)) if name
        ]
        entries.append(
            Entry(
                guid=guid_for(article),
                link=link,
                title=article.title,
                summary=article.lead,
                content_html=content,
                published=article.publish_at,
                updated=updated,
                author=writer or article.unit.name,
                contributors=contributors,
                categories=[str(article.get_section_display()), *article.tag_names],
                image=media,
            )
        )
    return entries


def entries_for(scope, request, listed):
    """The entries of the `listed` ids (what the validators read), not the scope again:
    a feed of a large tag or unit is found once per request, not twice."""
    articles = list(
        scope.articles()
        .filter(pk__in=listed)
        .select_related("unit", "featured_image")
        .defer("search_vector")
        .prefetch_related("corrections")[:FEED_SIZE]
    )
    attach_credits(articles)
    attach_tag_names(articles)
    return build_entries(articles, base_url(request))


def attach_tag_names(articles):
    """Each article's tag names (`tag_names`), in the order tags were created, from one
    query of names: taggit's prefetch built a queryset for every article."""
    names = {article.pk: [] for article in articles}
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id__in=names
    )
    for pk, name in tagged.order_by("object_id", "tag_id").values_list("object_id", "tag__name"):
        names[pk].append(name)
    for article in articles:
        article.tag_names = names[article.pk]
    return articles


def rfc3339(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")
