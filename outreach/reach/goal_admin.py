"""SMART goals in the admin (*Target jangkauan*): editors set their unit's, publishers any.

Writers of a unit read its goals (on the dashboard and here); editors and publishers add,
change and delete them. A unit is chosen only among the user's own, so a crafted POST for
another unit's id is an invalid choice, and another unit's goal is not found.
"""

from django.contrib import admin

from newsroom.limits import BoundedInputAdminMixin
from units import roles
from units.models import WorkUnit

from ..models import ReachGoal

SETTERS = (roles.EDITOR, roles.PUBLISHER)


@admin.register(ReachGoal)
class ReachGoalAdmin(BoundedInputAdminMixin, admin.ModelAdmin):
    list_display = ("unit", "channel", "measure", "target", "starts_on", "ends_on")
    list_filter = ("measure",)
    fields = ("unit", "channel", "measure", "target", "starts_on", "ends_on", "why")
    list_per_page = 50

    def get_queryset(self, request):
        return roles.scope_queryset(request.user, super().get_queryset(request)).select_related(
            "unit"
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            units = WorkUnit.objects.order_by("name")
            if not roles.acts_everywhere(request.user):
                units = units.filter(pk__in=roles.unit_ids(request.user))
            kwargs["queryset"] = units
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        return roles.has_any_role(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return roles.has_any_role(request.user)
        return roles.has_any_role(request.user) and roles.in_scope(request.user, obj)

    def has_add_permission(self, request):
        return roles.has_any_role(request.user, SETTERS)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return roles.has_any_role(request.user, SETTERS)
        return roles.may_act(request.user, obj, SETTERS)

    has_delete_permission = has_change_permission

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
