"""The news archive by year and month."""

from datetime import MAXYEAR, MINYEAR

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.dates import bulan_tahun

from .common import article_cards, paginate, public_articles, seo


def _months(articles):
    return (
        articles.annotate(month=TruncMonth("publish_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )


def archive_index(request):
    months = list(_months(public_articles()))
    years = {}
    for row in months:
        years.setdefault(row["month"].year, []).append(row)
    return render(
        request,
        "articles/archive_index.html",
        {"years": sorted(years.items(), reverse=True), **seo(_("Arsip berita"))},
    )


def _archive_year(year):
    """A year the calendar (and the database's date arithmetic in WIB) can hold, or 404."""
    if not MINYEAR < year < MAXYEAR:
        raise Http404


def archive_year(request, year):
    _archive_year(year)
    articles = public_articles().filter(publish_at__year=year)
    page = paginate(request, article_cards(articles))
    if not page.paginator.count:
        raise Http404
    return render(
        request,
        "articles/archive_year.html",
        {
            "year": year,
            "months": list(_months(articles)),
            "page": page,
            **seo(_("Arsip berita %(year)s") % {"year": year}),
        },
    )


def archive_month(request, year, month):
    _archive_year(year)
    if not 1 <= month <= 12:
        raise Http404
    articles = public_articles().filter(publish_at__year=year, publish_at__month=month)
    page = paginate(request, article_cards(articles))
    if not page.paginator.count:
        raise Http404
    first_day = timezone.datetime(year, month, 1)
    return render(
        request,
        "articles/archive_month.html",
        {
            "year": year,
            "month": first_day,
            "page": page,
            **seo(_("Arsip berita %(month)s") % {"month": bulan_tahun(first_day)}),
        },
    )
