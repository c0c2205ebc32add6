"""Two page types, as a Wagtail developer would write a news site's first version."""

from django.core.paginator import Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

PER_PAGE = 12  # the newsroom's lists show twelve cards a page


class NewsIndexPage(Page):
    """The site root: the latest live articles, twelve a page (?page=N)."""

    subpage_types = ["newsref.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().child_of(self).order_by("-date", "-pk")
        context["articles"] = Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))
        return context


class ArticlePage(Page):
    date = models.DateTimeField("date", db_index=True)
    lead = models.TextField("lead")
    body = RichTextField("body")

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]
    parent_page_types = ["newsref.NewsIndexPage"]
