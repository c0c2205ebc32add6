from django.contrib import admin

from ..models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "width", "height", "credit", "created_at"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "created_at"
    fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y", "width", "height"]
    readonly_fields = ["width", "height"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
