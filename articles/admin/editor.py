"""The article body editor: ProseMirror (django-prose-editor's build) under the strict CSP.

django-prose-editor's own widget loads its modules through an inline import map, which a
policy without inline scripts refuses. This widget renders a plain textarea that names the
editor module's static URL; `articles/editor/body.js` (an ordinary external script)
imports it and builds the editor. The schema offered there is the allow-list of
`models/sanitize.py` narrowed to what a news story uses; whatever the browser sends, the
server sanitises again on save.
"""

import json
import re

from django import forms
from django.templatetags.static import static
from django.urls import reverse

from ..models.sanitize import sanitize_html

# "kemdikbud.go.id/berita" typed without a scheme: a host name first, not a path of this site.
_BARE_HOST = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]|$)", re.IGNORECASE)


def _https_by_default(tag, attribute, value):
    if tag == "a" and attribute == "href" and _BARE_HOST.match(value):
        return "https://" + value
    if attribute == "title" and not value.strip():
        return None  # the link dialog's empty title field
    return value


def with_https_links(body):
    """The body sanitised, its links typed without a scheme made https:// (as readers'
    browsers would otherwise read them as paths of this site), empty titles dropped."""
    return sanitize_html(body, attribute_filter=_https_by_default)


class BodyEditorWidget(forms.Textarea):
    class Media:
        css = {
            "all": [
                "django_prose_editor/material-icons.css",
                "django_prose_editor/editor.css",
                "django_prose_editor/overrides.css",
                "articles/editor/body.css",
            ]
        }
        js = ["articles/editor/body.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-body-editor": json.dumps(
                    {
                        "module": static("django_prose_editor/editor.js"),
                        "upload": reverse("images:editor-upload"),
                        "library": reverse("images:editor-library"),
                    },
                    separators=(",", ":"),
                )
            }
        )
        return context

    def use_required_attribute(self, initial):
        # The textarea is hidden behind the editor; the browser could not point at it.
        return False
