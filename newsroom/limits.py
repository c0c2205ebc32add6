"""How much one staff request may ask the server to do, field by field.

Every field of a staff form whose size sets the work of a save (rows written, ids looked
up, text sanitised and diffed) has a limit here, and going past it is a message on that
field, checked before any of the work: ten thousand comma-separated topics once held a
gunicorn worker past its timeout, and a topic longer than its column answered 500 on
PostgreSQL. The limits sit well above what a news office writes, so only a mistake or an
attack meets them. The request as a whole is bounded by Django's
DATA_UPLOAD_MAX_MEMORY_SIZE and DATA_UPLOAD_MAX_NUMBER_FIELDS (settings), above which
`newsroom.oversize` answers with a page that hands the text back.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect, QueryDict
from django.utils.translation import gettext_lazy as _

from .datetime_inputs import WIBDatesAdminMixin

# Items chosen in one many-to-many field (speakers, related units, partners, groups...).
MAX_CHOICES = 50
# Permissions are chosen one by one from Django's list of every model's four.
MAX_PERMISSIONS = 200
# Topics of one article, and the characters of one topic (taggit's column holds 100).
MAX_TAGS = 30
MAX_TAG_LENGTH = 100
# Rows of one inline table (speakers of an event, corrections, a speaker's links).
MAX_INLINE_ROWS = 50
# Characters of an article body (a long feature is 40,000) and of any other long text.
MAX_BODY_CHARS = 200_000
MAX_TEXT_CHARS = 20_000
# Rows one list action may act on (a page shows at most 100), chosen or "all of them".
MAX_SELECTED_ROWS = 200
# An admin list's address: filters, values a filter may list, characters of one value.
MAX_QUERY_PARAMS = 30
MAX_FILTER_VALUES = 50
MAX_QUERY_VALUE_CHARS = 500
# The search box: its words are bounded on their own (articles/admin/search_limits.py).
MAX_SEARCH_CHARS = 8_000


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A many-to-many choice that refuses a list longer than `max_choices` before looking
    any of it up (Django's own field sends every id to the database first)."""

    def __init__(self, *args, max_choices=MAX_CHOICES, **kwargs):
        self.max_choices = max_choices
        super().__init__(*args, **kwargs)

    def clean(self, value):
        if isinstance(value, (list, tuple)) and len(value) > self.max_choices:
            raise ValidationError(too_many(len(value), self.max_choices), code="too_many")
        return super().clean(value)


def too_many(count, limit):
    return _("Paling banyak %(limit)d pilihan; Anda memilih %(count)d.") % {
        "limit": limit,
        "count": count,
    }


class BoundedInputAdminMixin(WIBDatesAdminMixin):
    """For a ModelAdmin: every long text, many-to-many choice and inline table bounded.

    `choice_limits` names fields allowed more (or fewer) than MAX_CHOICES; `text_limits`
    fields allowed more than MAX_TEXT_CHARS; `reading_actions` list actions that only read
    the rows in one query (an export) and so may take them all.
    """

    choice_limits = {}
    text_limits = {}
    reading_actions = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and not db_field.max_length:
            kwargs.setdefault("max_length", self.text_limits.get(db_field.name, MAX_TEXT_CHARS))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
        kwargs.setdefault("max_choices", self.choice_limits.get(db_field.name, MAX_CHOICES))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def response_action(self, request, queryset):
        """A list action on at most MAX_SELECTED_ROWS rows: each may be a transaction of
        its own (a workflow step, a mail), and "select all" reaches the whole archive."""
        if request.POST.get("action") in self.reading_actions:
            return super().response_action(request, queryset)
        chosen = len(request.POST.getlist(ACTION_CHECKBOX_NAME))
        if request.POST.get("select_across") == "1":
            chosen = queryset[: MAX_SELECTED_ROWS + 1].count()
        if chosen > MAX_SELECTED_ROWS:
            messages.warning(
                request,
                _("Satu tindakan paling banyak untuk %(n)d baris; persempit daftarnya dulu.")
                % {"n": MAX_SELECTED_ROWS},
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)


class BoundedInlineMixin(BoundedInputAdminMixin):
    """For an InlineModelAdmin: at most MAX_INLINE_ROWS rows, and a longer table is an
    error over the table, raised before a form is built for any row past the limit."""

    max_num = MAX_INLINE_ROWS

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("validate_max", True)
        kwargs.setdefault("absolute_max", self.max_num)
        return super().get_formset(request, obj, **kwargs)


def bounded_query(query):
    """The reason an admin address asks too much (too many filters, a filter listing too
    many values, a value too long), or "" when it is within bounds."""
    if len(query) > MAX_QUERY_PARAMS:
        return _("Alamat daftar ini memuat terlalu banyak penyaring (paling banyak %(n)d).") % {
            "n": MAX_QUERY_PARAMS
        }
    if all(_within_bounds(key, values) for key, values in query.lists()):
        return ""
    return _(
        "Penyaring daftar terlalu panjang: paling banyak %(values)d nilai dan %(chars)d "
        "karakter per penyaring. Daftar ditampilkan tanpa penyaring itu."
    ) % {"values": MAX_FILTER_VALUES, "chars": MAX_QUERY_VALUE_CHARS}


def _within_bounds(key, values):
    if len(values) > MAX_FILTER_VALUES or len(key) > MAX_QUERY_VALUE_CHARS:
        return False
    if key == "_changelist_filters":  # the list's own address, carried by its forms
        return all(not bounded_query(QueryDict(value)) for value in values)
    longest = MAX_SEARCH_CHARS if key == "q" else MAX_QUERY_VALUE_CHARS
    return not any(
        len(value) > longest or value.count(",") >= MAX_FILTER_VALUES for value in values
    )
