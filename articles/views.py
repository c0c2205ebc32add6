"""Public pages. Every query here starts from `published()`."""

from django.shortcuts import get_object_or_404, render

from units.models import WorkUnit

from .models import Article, Event, Speaker, Status


def _public_or_gone(queryset, template, context_name, request, **lookup):
    """The published item, a 410 page if it was withdrawn, or a 404."""
    item = queryset.published().filter(**lookup).first()
    if item is None:
        if queryset.originals().filter(status=Status.WITHDRAWN, **lookup).exists():
            return render(request, "410.html", status=410)
        return get_object_or_404(queryset.none(), **lookup)
    return render(request, template, {context_name: item})


def home(request):
    articles = Article.objects.published().for_listing()[:12]
    return render(request, "articles/home.html", {"articles": articles})


def article_detail(request, slug):
    queryset = Article.objects.select_related(
        "unit", "featured_image", "writer__staff_profile", "editor__staff_profile",
        "photographer__staff_profile",
    ).prefetch_related("tags")  # fmt: skip
    return _public_or_gone(queryset, "articles/article_detail.html", "article", request, slug=slug)


def event_detail(request, slug):
    queryset = Event.objects.prefetch_related("organisers", "partners", "event_speakers__speaker")
    return _public_or_gone(queryset, "articles/event_detail.html", "event", request, slug=slug)


def unit_detail(request, slug):
    unit = get_object_or_404(WorkUnit, slug=slug)
    articles = Article.objects.published().filter(unit=unit).for_listing()[:20]
    return render(request, "articles/unit_detail.html", {"unit": unit, "articles": articles})


def speaker_detail(request, slug):
    speaker = get_object_or_404(Speaker, slug=slug)
    articles = Article.objects.published().filter(speakers=speaker).for_listing()[:20]
    return render(
        request, "articles/speaker_detail.html", {"speaker": speaker, "articles": articles}
    )
