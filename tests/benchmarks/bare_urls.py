"""The ceiling: a bare Django view that renders one article with one query.

Served by its own gunicorn with `DJANGO_SETTINGS_MODULE=tests.benchmarks.bare_settings`,
so the bench compares the newsroom's article page with Django itself.
"""

from django.http import Http404, HttpResponse
from django.template import engines
from django.urls import path

from articles.models import Article

PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>{{ title }}</title></head><body><main><h1>{{ title }}</h1><p>{{ lead }}</p>
{{ body|safe }}</main></body></html>"""
TEMPLATE = engines["django"].from_string(PAGE)


def article(request, slug):
    row = Article.objects.filter(slug=slug, copy_of=None).values("title", "lead", "body").first()
    if row is None:
        raise Http404
    return HttpResponse(TEMPLATE.render(row))


urlpatterns = [path("berita/<slug:slug>/", article)]
