from django.contrib import admin
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from newsroom.limits import MAX_BODY_CHARS, BoundedInlineMixin, BoundedInputAdminMixin

from ..models import (
    Article,
    Correction,
    Event,
    Partner,
    Speaker,
    SpeakerLink,
    Status,
)
from ..models.sanitize import sanitize_html
from .calendar import CalendarMixin
from .changelist import LongListAdminMixin
from .coverage import CoverageMixin
from .event_speakers import EventSpeakerInline, create_new_speakers
from .forms import ArticleAdminForm, EventAdminForm
from .publishable import PUBLISHING_FIELDS, PublishableAdmin, colleague
from .shared_things import SharedInlineMixin, SharedThingAdminMixin
from .status import StatusFilter
from .unit_filter import UnitsInReachFilter


@admin.register(Partner)
class PartnerAdmin(SharedThingAdminMixin, BoundedInputAdminMixin, admin.ModelAdmin):
    list_display = ["name", "abbreviation", "website"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["logo"]


class SpeakerLinkInline(SharedInlineMixin, BoundedInlineMixin, admin.TabularInline):
    model = SpeakerLink
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(
    SharedThingAdminMixin, LongListAdminMixin, BoundedInputAdminMixin, admin.ModelAdmin
):
    list_display = ["full_name", "position", "affiliation_unit", "affiliation_partner"]
    search_fields = ["name", "position", "honorific_prefix", "honorific_suffix"]
    list_filter = ["affiliation_unit"]
    autocomplete_fields = ["affiliation_unit", "affiliation_partner", "photo"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerLinkInline]
    list_select_related = ["affiliation_unit", "affiliation_partner"]
    list_deferred = ["bio"]

    @admin.display(description=_("nama lengkap"), ordering="name")
    def full_name(self, speaker):
        # The model's property would be headed "Full name", in English, in every language.
        return speaker.full_name


@admin.register(Event)
class EventAdmin(CoverageMixin, PublishableAdmin):
    form = EventAdminForm
    preview_kind = "kegiatan"
    list_display = [
        "title", "starts_at", "status_column", "pending_column", "kind", "unit",
    ]  # fmt: skip
    list_filter = [StatusFilter, "kind", "mode", ("unit", UnitsInReachFilter)]
    list_deferred = ["description"]
    search_fields = ["title", "description", "venue", "platform"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["unit", "organisers", "partners", "participating_units"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [EventSpeakerInline]
    list_select_related = ["unit"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "mode", "unit"]}),
        (
            _("Waktu dan tempat"),
            {"fields": ["starts_at", "ends_at", "venue", "address", "platform", "join_url"]},
        ),
        (
            _("Penyelenggara dan peserta"),
            {"fields": ["organisers", "partners", "participating_units", "participant_count"]},
        ),
        (_("Deskripsi"), {"fields": ["description"]}),
        (_("Penerbitan"), {"fields": PUBLISHING_FIELDS}),
    ]

    def save_related(self, request, form, formsets, change):
        create_new_speakers(request.user, formsets)  # before any row (or a copy's) is saved
        super().save_related(request, form, formsets, change)


class CorrectionInline(BoundedInlineMixin, admin.TabularInline):
    """Public correction notes: added by editors to published articles only."""

    model = Correction
    extra = 0
    fields = ["noted_at", "text", "major", "written_by"]
    readonly_fields = ["written_by"]

    @admin.display(description=_("dibuat oleh"))
    def written_by(self, correction):
        return colleague(correction.created_by)


@admin.register(Article)
class ArticleAdmin(CalendarMixin, PublishableAdmin):
    form = ArticleAdminForm
    preview_kind = "berita"
    review_checks = True
    text_limits = {"body": MAX_BODY_CHARS}
    list_display = [
        "title", "status_column", "pending_column", "section", "unit", "updated_at",
    ]  # fmt: skip
    list_filter = [StatusFilter, "section", ("unit", UnitsInReachFilter)]
    # What the columns, the state's label and each row's checkbox read.
    list_only = [
        "title", "status", "publish_at", "updated_at", "section", "copy_of_id",
        "unit", "unit__name", "unit__abbreviation",
    ]  # fmt: skip
    search_fields = ["title", "lead", "body"]
    date_hierarchy = "publish_at"
    autocomplete_fields = [
        "unit", "featured_image", "related_units", "event", "speakers",
        "writer", "editor", "photographer",
    ]  # fmt: skip
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["unit"]
    readonly_fields = ["byline_code", "rendered_body"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "section",
                    "unit",
                    "dateline",
                    "source",
                    "source_code",
                    "lead",
                    "body",
                ]
            },
        ),
        (_("Foto utama"), {"fields": ["featured_image"]}),
        (_("Keterkaitan"), {"fields": ["tags", "related_units", "event", "speakers"]}),
        (_("Kredit staf"), {"fields": ["writer", "editor", "photographer", "byline_code"]}),
        (_("Penerbitan"), {"fields": PUBLISHING_FIELDS}),
    ]

    @admin.display(description=Article._meta.get_field("body").verbose_name)
    def rendered_body(self, article):
        """The body as readers will see it, where staff may look but not edit."""
        return mark_safe(sanitize_html(article.body))  # noqa: S308 (allow-listed by nh3)

    def get_fieldsets(self, request, obj=None):
        """Where the body cannot be edited, show it formatted rather than as HTML source."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or (
            self.has_change_permission(request, obj)
            and "body" not in self.get_readonly_fields(request, obj)
        ):
            return fieldsets
        swap = {"body": "rendered_body"}
        return [
            (title, {**opts, "fields": [swap.get(name, name) for name in opts["fields"]]})
            for title, opts in fieldsets
        ]

    @admin.display(description=_("kode penulis"))
    def byline_code(self, article):
        """What the credits saved so far put at the end of the story: (Diksi/RA/AP/DE)."""
        return f"({article.byline_code})"

    def get_inlines(self, request, obj):
        # Corrections belong to what the public read: published originals only.
        if obj is not None and obj.copy_of_id is None and obj.status == Status.PUBLISHED:
            return [CorrectionInline]
        return []
