"""Topics in the admin, in place of django-taggit's English Tag pages.

Taggit's own page also edits tagged items by content type and raw object id, which
would change a published article's topics past the workflow; articles are tagged from
their own page instead.
"""

from django import forms
from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from newsroom.limits import BoundedInputAdminMixin

from ..models import Topic


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["name", "slug"]
        labels = {"name": capfirst(_("nama")), "slug": capfirst(_("slug"))}


admin.site.unregister(Tag)


@admin.register(Topic)
class TopicAdmin(BoundedInputAdminMixin, admin.ModelAdmin):
    form = TopicForm
    list_display = ["topic_name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("nama"), ordering="name")
    def topic_name(self, topic):
        return topic.name
