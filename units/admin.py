from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from newsroom.limits import MAX_PERMISSIONS, BoundedInlineMixin, BoundedInputAdminMixin

from . import roles
from .models import StaffProfile, WorkUnit


@admin.register(WorkUnit)
class WorkUnitAdmin(BoundedInputAdminMixin, admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "tree_path_display", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "abbreviation"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    readonly_fields = ["tree_path_display"]
    fields = [
        "name",
        "abbreviation",
        "slug",
        "kind",
        "parent",
        "tree_path_display",
        "is_active",
        "website",
        "description",
    ]
    list_select_related = ["parent__parent__parent"]

    def get_search_results(self, request, queryset, search_term):
        """The owner picker offers writers and editors only the units they act for.

        The workflow refuses any other owner on save anyway; offering it first would
        only lead to that refusal.
        """
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        picking_owner = (
            getattr(request.resolver_match, "url_name", "") == "autocomplete"
            and request.GET.get("field_name") == "unit"
            and request.GET.get("app_label") == "articles"
        )
        if picking_owner and not roles.acts_everywhere(request.user):
            queryset = queryset.filter(pk__in=roles.unit_ids(request.user))
        return queryset, may_have_duplicates

    @admin.display(description=_("jalur unit"))
    def tree_path_display(self, obj):
        return obj.tree_path if obj.pk else "—"


class StaffProfileInline(BoundedInlineMixin, admin.StackedInline):
    model = StaffProfile
    can_delete = False
    autocomplete_fields = ["units"]
    verbose_name_plural = _("profil staf")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(BoundedInputAdminMixin, UserAdmin):
    """Accounts are the administrators' business.

    Editorial staff hold `view_user` only so the writer, editor and photographer pickers
    can search colleagues; that must not open the user list or anyone else's account page
    (password hash, reset link, groups).
    """

    inlines = [StaffProfileInline]
    choice_limits = {"user_permissions": MAX_PERMISSIONS}

    def _manages_accounts(self, request):
        return request.user.has_perm("auth.change_user")

    def has_module_permission(self, request):
        return self._manages_accounts(request)

    def has_view_permission(self, request, obj=None):
        if obj is not None and not self._manages_accounts(request):
            return obj.pk == request.user.pk
        return super().has_view_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        if not self._manages_accounts(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    list_display = ["username", "first_name", "last_name", "email", "is_staff", "initials"]
    list_select_related = ["staff_profile"]

    @admin.display(description=_("inisial"), ordering="staff_profile__initials")
    def initials(self, obj):
        profile = getattr(obj, "staff_profile", None)
        return profile.initials if profile else ""


@admin.register(StaffProfile)
class StaffProfileAdmin(BoundedInputAdminMixin, admin.ModelAdmin):
    list_display = ["user", "initials"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "initials"]
    autocomplete_fields = ["user", "units"]
    list_select_related = ["user"]


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(BoundedInputAdminMixin, GroupAdmin):
    """Django's group page, with the permissions one save may list bounded."""

    choice_limits = {"permissions": MAX_PERMISSIONS}
