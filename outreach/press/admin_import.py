"""The import and export pages of *Kontak media*.

Import is two steps: the upload shows the preview (every bad row with its number and
reason, duplicates merged) and saves nothing; "Simpan" then writes the good rows. The
uploaded bytes wait between the steps in the shared cache under a random key tied to
the user (30 minutes), so the confirmation cannot name someone else's upload.
"""

import csv
import secrets

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.datetime_inputs import WIBDateInput
from units.models import WorkUnit

from ..models import MediaContact
from . import contacts_io, scope

WAIT = 30 * 60


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas CSV atau XLSX"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    owner_unit = forms.ModelChoiceField(WorkUnit.objects.none(), label=gettext_lazy("Unit"))
    consent_at = forms.DateField(
        label=gettext_lazy("Tanggal daftar"),
        widget=WIBDateInput(),  # day first, as every date of the admin (not the browser's)
        help_text=gettext_lazy("Tanggal persetujuan yang tercatat pada daftar ini."),
    )
    source = forms.CharField(label=gettext_lazy("Nama daftar"), max_length=150)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = WorkUnit.objects.all()
        if not scope.sees_all(user):
            units = units.filter(pk__in=scope.units_of(user))
        self.fields["owner_unit"].queryset = units

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > contacts_io.MAX_BYTES:
            raise forms.ValidationError(_("Berkas lebih dari 5 MB."))
        return upload


def _key(user, token):
    return f"press-import:{user.pk}:{token}"


def import_view(model_admin, request):
    context = {**model_admin.admin_site.each_context(request), "title": _("Impor kontak media")}
    token = request.POST.get("token", "")
    if request.method == "POST" and token:
        waiting = cache.get(_key(request.user, token))
        if waiting is None:
            messages.error(request, _("Pratinjau sudah kedaluwarsa; unggah berkasnya lagi."))
            return redirect("admin:outreach_mediacontact_import")
        unit = WorkUnit.objects.filter(pk=waiting["unit"]).first()
        if unit is None or not scope.owns(request.user, MediaContact(owner_unit=unit)):
            return redirect("admin:outreach_mediacontact_import")
        preview = contacts_io.parse(waiting["data"])
        created, updated = contacts_io.save(preview, unit, waiting["consent_at"], waiting["source"])
        cache.delete(_key(request.user, token))
        messages.success(
            request,
            _("%(created)d kontak baru, %(updated)d diperbarui.")
            % {"created": created, "updated": updated},
        )
        return redirect("admin:outreach_mediacontact_changelist")
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        preview = contacts_io.parse(data)
        token = secrets.token_urlsafe(16)
        cache.set(
            _key(request.user, token),
            {
                "data": data,
                "unit": form.cleaned_data["owner_unit"].pk,
                "consent_at": form.cleaned_data["consent_at"],
                "source": f"{form.cleaned_data['source']} ({form.cleaned_data['consent_at']})",
            },
            WAIT,
        )
        context.update({"preview": preview, "token": token, "good": len(preview.rows)})
    context["form"] = form
    return TemplateResponse(request, "admin/outreach/contact_import.html", context)


def export_view(model_admin, request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kontak-media.csv"'
    response.write("\ufeff")
    contacts = model_admin.get_queryset(request).order_by("name", "pk")
    contacts_io.export(csv.writer(response, delimiter=";"), contacts)
    return response
