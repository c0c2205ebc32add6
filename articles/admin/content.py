from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..forms import ArticleAdminForm
from ..models import Article, Correction, Event, EventSpeaker, Speaker, SpeakerLink

PUBLISHING_FIELDS = [
    "status",
    "publish_at",
    "first_published_at",
    "created_at",
    "updated_at",
    "version",
]


class SpeakerLinkInline(admin.TabularInline):
    model = SpeakerLink
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["full_name", "position", "affiliation_unit", "affiliation_partner"]
    search_fields = ["name", "position", "honorific_prefix", "honorific_suffix"]
    list_filter = ["affiliation_unit"]
    autocomplete_fields = ["affiliation_unit", "affiliation_partner", "photo"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerLinkInline]
    list_select_related = ["affiliation_unit", "affiliation_partner"]


class EventSpeakerInline(admin.TabularInline):
    model = EventSpeaker
    extra = 1
    autocomplete_fields = ["speaker"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "mode", "starts_at", "status", "unit", "publish_at"]
    list_filter = ["status", "kind", "mode", "unit"]
    search_fields = ["title", "description", "venue", "platform"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["unit", "organisers", "partners", "participating_units"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = PUBLISHING_FIELDS
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

    def get_queryset(self, request):
        return super().get_queryset(request).originals()


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "status", "section", "unit", "publish_at", "updated_at"]
    list_filter = ["status", "section", "unit"]
    search_fields = ["title", "lead", "body"]
    date_hierarchy = "publish_at"
    autocomplete_fields = [
        "unit", "featured_image", "related_units", "event", "speakers",
        "writer", "editor", "photographer",
    ]  # fmt: skip
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = PUBLISHING_FIELDS
    inlines = [CorrectionInline]
    list_select_related = ["unit"]
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
        (_("Kredit staf"), {"fields": ["writer", "editor", "photographer"]}),
        (_("Penerbitan"), {"fields": PUBLISHING_FIELDS}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).originals()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
