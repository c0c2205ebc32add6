"""*Siaran pers* in the admin: distributing an article, and the per-recipient report.

Adding a release is the distribution page: the article (approved, scheduled or live, in
reach), the lists (the user's units'), a personal note, the contact person, and either
"with publication" or "now under embargo until" a WIB time. `distribution.check` decides;
its refusal is shown on the form. A release is never edited afterwards: what was sent
was sent. The recipients' page is the report (filter by release), exportable as CSV, with
an action revoking personal links.
"""

import csv

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article, Status
from newsroom.datetime_inputs import WIBDateTimeField
from newsroom.limits import BoundedInputAdminMixin
from units import roles

from ..models import MediaList, Release, ReleaseMode, ReleaseRecipient
from . import distribution, report, scope


class ReleaseForm(forms.ModelForm):
    # Typed as every date and time of the admin is, on the WIB clock (TIME_ZONE).
    embargo_until = WIBDateTimeField(
        label=_("Embargo sampai (WIB)"),
        required=False,
        help_text=_("Hanya untuk “kirim sekarang dengan embargo”."),
    )

    class Meta:
        model = Release
        fields = ("article", "lists", "mode", "embargo_until", "note")
        fields += ("contact_name", "contact_email", "contact_phone")
        widgets = {"lists": forms.CheckboxSelectMultiple, "mode": forms.RadioSelect}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        articles = Article.objects.filter(
            copy_of__isnull=True, status__in=(Status.APPROVED, Status.PUBLISHED)
        ).order_by("-updated_at")
        if not roles.acts_everywhere(user):
            articles = articles.filter(unit_id__in=roles.unit_ids(user))
        self.fields["article"].queryset = articles
        self.fields["lists"].queryset = scope.owned(user, MediaList.objects.all())
        if not self.initial.get("contact_name") and user is not None:
            self.initial["contact_name"] = user.get_full_name() or user.get_username()
            self.initial["contact_email"] = user.email

    def clean(self):
        data = super().clean()
        article = data.get("article")
        if article is not None and data.get("mode"):
            try:
                distribution.check(article, self.user, data["mode"], data.get("embargo_until"))
            except distribution.DistributionRefused as refusal:
                raise forms.ValidationError(str(refusal)) from refusal
        return data


@admin.register(Release)
class ReleaseAdmin(BoundedInputAdminMixin, admin.ModelAdmin):
    list_display = ("article", "mode", "embargo_until", "created_by", "created_at", "sent_at")
    list_per_page = 50
    readonly_fields = ("report_link",)

    def get_queryset(self, request):
        found = super().get_queryset(request).select_related("article", "created_by")
        if scope.sees_all(request.user):
            return found
        return found.filter(article__unit_id__in=scope.units_of(request.user))

    def has_module_permission(self, request):
        return roles.has_any_role(request.user, (roles.EDITOR, roles.PUBLISHER))

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return scope.may_distribute(request.user, obj.article)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["fields"] = ()
            return super().get_form(request, obj, change=change, **kwargs)
        base = ReleaseForm

        class BoundReleaseForm(base):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return BoundReleaseForm

    def get_fields(self, request, obj=None):
        if obj is not None:
            return ("report_link",)
        return super().get_fields(request, obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("mode", ReleaseMode.WITH_PUBLICATION)
        return initial

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            release = distribution.distribute(
                data["article"],
                request.user,
                lists=data["lists"],
                mode=data["mode"],
                embargo_until=data.get("embargo_until"),
                note=data.get("note", ""),
                contact=(data["contact_name"], data["contact_email"], data.get("contact_phone")),
            )
        except distribution.DistributionRefused as refusal:
            # Raced with another change after the form was checked: say so, save nothing.
            self.message_user(request, str(refusal), messages.ERROR)
            return
        obj.pk = release.pk

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None:
            return HttpResponseRedirect(reverse("admin:outreach_release_changelist"))
        return super().response_add(request, obj, post_url_continue)

    def save_related(self, request, form, formsets, change):
        """The lists were set by `distribution.distribute`."""

    @admin.display(description=_("Laporan penerima"))
    def report_link(self, obj):
        url = reverse("admin:outreach_releaserecipient_changelist")
        return format_html('<a href="{}?release__id__exact={}">{}</a>', url, obj.pk, _("Buka"))


@admin.register(ReleaseRecipient)
class RecipientAdmin(BoundedInputAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "outlet", "state", "reason", "views", "first_viewed_at")
    list_filter = ("release",)
    search_fields = ("name", "outlet", "email")
    list_per_page = 100
    actions = ["export_csv", "revoke_links"]
    reading_actions = ("export_csv", "revoke_links")  # one query each, however many rows

    def get_queryset(self, request):
        found = report.annotated(super().get_queryset(request))
        if scope.sees_all(request.user):
            return found
        return found.filter(release__article__unit_id__in=scope.units_of(request.user))

    def has_module_permission(self, request):
        return roles.has_any_role(request.user, (roles.EDITOR, roles.PUBLISHER))

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return scope.may_distribute(request.user, obj.release.article)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        found = super().get_actions(request)
        found.pop("delete_selected", None)
        return found

    @admin.display(description=_("status"))
    def state(self, obj):
        return report.state_of(obj)[0]

    @admin.display(description=_("alasan"))
    def reason(self, obj):
        return report.state_of(obj)[1]

    @admin.action(description=_("Ekspor CSV"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="penerima-siaran-pers.csv"'
        response.write("\ufeff")  # spreadsheet programs read UTF-8 only with the mark
        report.write_csv(csv.writer(response), queryset)
        return response

    @admin.action(description=_("Cabut tautan pribadi"))
    def revoke_links(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d tautan dicabut.", "%(count)d tautan dicabut.", count)
            % {"count": count},
            messages.SUCCESS,
        )
