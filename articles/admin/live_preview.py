"""The preview beside the change form: what the form holds now, not the last save (issue 27).

The form's "Pratinjau isian" button posts the whole form here; with JavaScript
(`articles/static/articles/editor/live-preview.js`) into the frame of the side panel, again
a moment after each edit, and at desktop or phone width; without it into a new tab. The
answer is the public template of the page, built from an unsaved instance: nothing is
written (no row, no revision, no snapshot, no cached page), and fields the form refuses
keep their stored value, named in the banner.

Only for whoever may edit that form (`autosave.may_edit`: the change page's own rule);
anyone else gets a 404, so the address says nothing of items out of reach. Framed only by
this site's own pages (the public pages forbid framing).
"""

from csp.decorators import csp_replace
from django import forms
from django.contrib import admin
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from taggit.models import Tag

from ..models import EventSpeaker, Speaker, Status
from ..workflow import revisions
from .autosave import may_edit
from .previews import as_its_live_item, private, render_item, staff_kind

_KEPT = ("status", "publish_at", "first_published_at", "created_at", "updated_at", "version")


def _lenient(form_class):
    """The admin's form without the checks that guard a save (the version, the workflow
    state, a pending copy): a preview stores nothing, so none of them applies, and the
    version check would lock the row."""
    return type(form_class.__name__, (form_class,), {"clean": forms.ModelForm.clean})


def _speaker_rows(formsets):
    """(speaker id, role, order) of the event's speaker rows as the form holds them, and
    the rows naming a speaker typed as new (made only when the event is saved)."""
    rows, new = [], []
    for formset in formsets:
        if formset.model is not EventSpeaker:
            continue
        for row in formset.forms:
            if not row.is_valid() or not row.has_changed():
                continue
            data = row.cleaned_data
            role, order = data.get("role") or "", data.get("order") or 0
            if data.get("DELETE"):
                continue
            if data.get("speaker") is not None:
                rows.append([data["speaker"].pk, role, order])
            elif (data.get("new_name") or "").strip():
                new.append((data["new_name"].strip(), data.get("new_position") or "", role, order))
    return sorted(rows, key=lambda row: row[2]), new


def _with_new_speakers(item, new):
    """Speakers typed as new shown as they will read; each an unsaved person of its own
    (a negative id keeps two new people apart where rows are grouped by speaker)."""
    cache = getattr(item, "_prefetched_objects_cache", {})
    if not new or revisions.EVENT_SPEAKERS not in cache:
        return
    rows = list(cache[revisions.EVENT_SPEAKERS]._result_cache)
    for n, (name, position, role, order) in enumerate(new, start=1):
        person = Speaker(pk=-n, name=name, position=position, slug=slugify(name) or "narasumber")
        rows.append(EventSpeaker(event=item, speaker=person, role=role, order=order))
    rows.sort(key=lambda row: row.order)
    cache[revisions.EVENT_SPEAKERS]._result_cache = rows
    cache["speakers"]._result_cache = [row.speaker for row in rows]


def _unsaved_item(request, model_admin, obj):
    """An unsaved instance with the form's content, and the labels of refused fields."""
    model = model_admin.model
    stored = revisions.snapshot(obj) if obj is not None else {}
    form_class = _lenient(model_admin.get_form(request, obj, change=obj is not None))
    form = form_class(request.POST, request.FILES, instance=obj or model())
    form.is_valid()  # fills the instance with every field that passed
    data = {**stored, **revisions.field_values(form.instance)}
    cleaned = form.cleaned_data
    for field in revisions.relation_fields(model):
        if field.name in cleaned and cleaned[field.name] is not None:
            data[field.name] = sorted(thing.pk for thing in cleaned[field.name])
    if "tags" in cleaned:
        data[revisions.TAGS] = sorted(cleaned["tags"])
    formsets, _inlines = model_admin._create_formsets(
        request, form.instance, change=obj is not None
    )
    new_speakers = []
    if any(formset.model is EventSpeaker for formset in formsets):
        data[revisions.EVENT_SPEAKERS], new_speakers = _speaker_rows(formsets)
    refused = [
        capfirst(str(form.fields[name].label)) if name in form.fields else name
        for name in form.errors
        if name != "__all__"
    ]
    if obj is not None and obj.copy_of_id is not None:
        item = as_its_live_item(model, data, obj.copy_of)
    else:
        item = revisions.instance_from_snapshot(model, data, pk=obj.pk if obj else 0)
        for name in _KEPT if obj is not None else ():
            setattr(item, name, getattr(obj, name))
        if not item.slug:
            item.slug = slugify(getattr(item, "title", "")) or "pratinjau"
    _with_new_tags(item, data.get(revisions.TAGS, []))
    _with_new_speakers(item, new_speakers)
    return item, refused


def _missing(item):
    """Labels of what the page cannot be drawn without (a required unit, section...)."""
    return [
        capfirst(str(field.verbose_name))
        for field in revisions.content_fields(type(item))
        if field.is_relation and not field.null and getattr(item, field.attname) is None
    ]


def _with_new_tags(item, names):
    """Topics typed but not made yet (a save makes them) shown as they will read."""
    cache = getattr(item, "_prefetched_objects_cache", {})
    if revisions.TAGS not in cache:
        return
    known = cache[revisions.TAGS]._result_cache
    have = {tag.name for tag in known}
    made = [Tag(name=name, slug=slugify(name) or "topik") for name in names if name not in have]
    cache[revisions.TAGS]._result_cache = sorted([*known, *made], key=lambda tag: tag.name)


@require_POST
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})
def live_preview(request, kind, object_id):
    model, to_login = staff_kind(request, kind, reverse("admin:index"))
    if to_login:
        return to_login
    if not may_edit(request, model, object_id):
        raise Http404
    model_admin = admin.site._registry[model]
    obj = model_admin.get_object(request, str(object_id)) if object_id else None
    item, refused = _unsaved_item(request, model_admin, obj)
    missing = _missing(item)
    if missing:
        context = {"missing": missing}
        return private(render(request, "editorial/live_preview_missing.html", context))
    banner = {
        "unsaved": True,
        "status": Status(obj.status).label if obj else _("belum disimpan"),
        "version": obj.version if obj else 0,
        "refused": refused,
    }
    return render_item(request, item, banner)
