"""JSON Feed 1.1 of all published news, from the same entries as RSS and Atom."""

import json

from django.conf import settings
from django.utils import translation
from django.views.decorators.http import require_safe

from newsroom.http import base_url, conditional_response

from .entries import entries_for, rfc3339
from .scopes import describe, feed_validators, resolve_scope

JSON_FEED_CONTENT_TYPE = "application/feed+json"


def json_feed_document(scope, entries, request):
    items = []
    for entry in entries:
        item = {
            "id": entry.guid,
            "url": entry.link,
            "title": entry.title,
            "summary": entry.summary,
            "content_html": entry.content_html,
            "date_published": rfc3339(entry.published),
            "date_modified": rfc3339(entry.updated),
            "authors": [{"name": name} for name in (entry.author, *entry.contributors)],
            "tags": entry.categories,
            "language": "id",
        }
        if entry.image:
            item["image"] = entry.image.url
            item["attachments"] = [
                {
                    "url": entry.image.url,
                    "mime_type": entry.image.mime_type,
                    "size_in_bytes": entry.image.length,
                }
            ]
        items.append(item)
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": scope.title,
        "home_page_url": request.build_absolute_uri(scope.link),
        "feed_url": request.build_absolute_uri(request.path),
        "description": describe(scope),
        "language": "id",
        "authors": [{"name": settings.NEWSROOM_PUBLISHER_NAME, "url": base_url(request) + "/"}],
        "items": items,
    }


@require_safe
def json_feed(request):
    with translation.override("id"):
        scope = resolve_scope("")
        etag, last_modified, listed = feed_validators(scope)

        def render():
            with translation.override("id"):
                document = json_feed_document(scope, entries_for(scope, request, listed), request)
            return json.dumps(document, ensure_ascii=False).encode()

        return conditional_response(
            request,
            etag=etag,
            last_modified=last_modified,
            render=render,
            content_type=JSON_FEED_CONTENT_TYPE,
        )
