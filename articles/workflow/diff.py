"""How two revisions of an item differ, field by field, in words staff read.

A body is compared as the text a reader reads (tags stripped, one paragraph a line),
never as HTML source; `textdiff` bounds the work whatever the content.
"""

from django.db import models
from django.utils.translation import gettext as _

from newsroom.dates import format_when

from ..models import EventSpeaker, Speaker
from .revisions import EVENT_SPEAKERS, TAGS, content_fields
from .textdiff import html_to_text, marked_diff

HTML_FIELDS = {"body"}  # stored as sanitised HTML (see models.sanitize)


def _labels(model):
    labels = {f.name: f.verbose_name for f in content_fields(model)}
    labels.update({f.name: f.verbose_name for f in model._meta.many_to_many})
    labels[EVENT_SPEAKERS] = _("narasumber kegiatan")
    return labels


def _display(model, name, value):
    """A human reading of one stored value: names instead of ids."""
    if value in (None, "", []):
        return ""
    if name in HTML_FIELDS:
        return html_to_text(value)
    if name == TAGS:
        return ", ".join(value)
    if name == EVENT_SPEAKERS:
        people = Speaker.objects.in_bulk([r[0] for r in value])
        roles = dict(EventSpeaker._meta.get_field("role").choices)
        return "; ".join(
            f"{people.get(s, f'#{s}')} ({roles.get(role, role)})" for s, role, _order in value
        )
    try:
        field = model._meta.get_field(name)
    except Exception:
        return str(value)
    if field.many_to_many:
        objs = field.related_model._default_manager.in_bulk(value)
        return ", ".join(str(objs.get(pk, f"#{pk}")) for pk in value)
    if field.is_relation:
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        return format_when(field.to_python(value))
    return str(value)


def compare(model, old, new):
    """Rows of (label, old text, new text, inline diff) for the fields that differ."""
    rows = []
    for name, label in _labels(model).items():
        if name not in old and name not in new:
            continue
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        before_text, after_text = _display(model, name, before), _display(model, name, after)
        marked = marked_diff(before_text, after_text)
        rows.append(
            {
                "name": name,
                "label": label,
                "old": before_text,
                "new": after_text,
                "diff": marked.html,
                "coarse": marked.coarse,
            }
        )
    return rows
