"""What admin tests post and read: change URLs, a full article form, the flash messages."""

from django.contrib.messages import get_messages
from django.urls import reverse


def change_url(item):
    return reverse(f"admin:articles_{item._meta.model_name}_change", args=[item.pk])


def workflow_url(item):
    return reverse(f"admin:articles_{item._meta.model_name}_workflow", args=[item.pk])


def article_data(article, **changes):
    data = {
        "title": article.title,
        "slug": article.slug,
        "section": article.section,
        "unit": article.unit_id,
        "dateline": article.dateline,
        "source": article.source,
        "source_code": article.source_code,
        "lead": article.lead,
        "body": article.body,
        "tags": ", ".join(article.tags.names()) if article.pk else "",
        "expected_version": article.version,
        "corrections-TOTAL_FORMS": 0,
        "corrections-INITIAL_FORMS": 0,
        "corrections-MIN_NUM_FORMS": 0,
        "corrections-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]
