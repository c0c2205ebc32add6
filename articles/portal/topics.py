"""Pages that gather the news of one topic: a section, a tag, a work unit, a speaker."""

from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from taggit.models import Tag

from units.models import WorkUnit

from ..models import Article, Event, EventSpeaker, Section, Speaker
from ..models.shared import current_for_former_slug
from . import jsonld
from .common import article_cards, event_cards, paginate, public_articles, public_events, seo


def section_detail(request, section):
    if section not in Section.values:
        raise Http404
    label = Section(section).label
    page = paginate(request, article_cards(public_articles().filter(section=section)))
    return render(
        request,
        "articles/section_detail.html",
        {
            "section": section,
            "label": label,
            "page": page,
            "feed_scope": "section",
            "feed_slug": section,
            **seo(label, _("Kumpulan %(section)s terbaru.") % {"section": label}),
        },
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = paginate(request, article_cards(public_articles().filter(tags=tag)))
    if not page.paginator.count:
        raise Http404  # a tag used only on unpublished items is not public either
    return render(
        request,
        "articles/tag_detail.html",
        {
            "tag": tag,
            "page": page,
            "feed_scope": "tag",
            "feed_slug": tag.slug,
            **seo(
                _("Topik: %(tag)s") % {"tag": tag.name},
                _("Berita dengan topik %(tag)s.") % {"tag": tag.name},
            ),
        },
    )


def unit_detail(request, slug):
    unit = get_object_or_404(WorkUnit.objects.select_related("parent"), slug=slug)
    articles = public_articles().filter(
        pk__in=Article.objects.filter(Q(unit=unit) | Q(related_units=unit)).values("pk")
    )
    events = public_events().filter(
        pk__in=Event.objects.filter(
            Q(unit=unit) | Q(organisers=unit) | Q(participating_units=unit)
        ).values("pk")
    )
    return render(
        request,
        "articles/unit_detail.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors(),
            "children": unit.children.active(),
            "page": paginate(request, article_cards(articles)),
            "event_page": paginate(
                request, event_cards(events).order_by("-starts_at", "-pk"), param="hal_kegiatan"
            ),
            "feed_scope": "unit",
            "feed_slug": unit.slug,
            "structured_data": [jsonld.organization(request, unit, with_context=True)],
            **seo(
                unit.name,
                unit.description or _("Berita dan kegiatan %(unit)s.") % {"unit": unit.name},
            ),
        },
    )


def speaker_detail(request, slug):
    speaker = (
        Speaker.objects.select_related("affiliation_unit", "affiliation_partner", "photo")
        .filter(slug=slug)
        .first()
    )
    if speaker is None:
        # A renamed speaker's old address keeps working: links readers kept still arrive.
        renamed = current_for_former_slug(Speaker, slug)
        if renamed is None:
            raise Http404
        return HttpResponsePermanentRedirect(renamed.get_absolute_url())
    events = public_events().filter(
        pk__in=EventSpeaker.objects.filter(speaker=speaker).values("event_id")
    )
    articles = public_articles().filter(
        pk__in=Article.objects.filter(
            Q(speakers=speaker) | Q(event__in=events.values("pk"))
        ).values("pk")
    )
    page = paginate(request, article_cards(articles))
    event_page = paginate(
        request,
        event_cards(events)
        .prefetch_related(
            Prefetch(
                "event_speakers",
                queryset=EventSpeaker.objects.filter(speaker=speaker),
                to_attr="speaker_roles",
            )
        )
        .order_by("-starts_at", "-pk"),
        param="hal_kegiatan",
    )
    if not page.paginator.count and not event_page.paginator.count:
        raise Http404  # known only from unpublished items: not public
    links = list(speaker.links.all())
    return render(
        request,
        "articles/speaker_detail.html",
        {
            "speaker": speaker,
            "links": links,
            "page": page,
            "event_page": event_page,
            "feed_scope": "speaker",
            "feed_slug": speaker.slug,
            "structured_data": [jsonld.person(request, speaker, with_context=True, links=links)],
            **seo(speaker.full_name, speaker.position or speaker.bio, speaker.photo, "profile"),
        },
    )
