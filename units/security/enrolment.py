"""Setting up the second factor from the admin: scan a QR code, confirm one code.

The QR code is drawn here (segno), never by an outside service: it carries the shared
secret. The device stays unconfirmed, and so unusable for login, until the staff member
proves the app shows the same codes. Confirming also issues the one-time recovery
codes, shown once; a superuser deletes the devices of someone who lost both.
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .two_factor import two_factor_required

APP_DEVICE = "Aplikasi autentikator"
RECOVERY_DEVICE = "Kode pemulihan"


class ConfirmForm(forms.Form):
    token = forms.CharField(
        label=_("Kode dari aplikasi"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _pending_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def _qr_svg(device):
    code = segno.make(device.config_url, error="m")
    return mark_safe(code.svg_inline(scale=5, border=4, light="#fff"))  # noqa: S308 (segno)


def _new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE)
    codes = [StaticToken.random_token() for _ in range(settings.NEWSROOM_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else ""


@never_cache
@staff_member_required
def two_factor(request):
    user = request.user
    context = {
        **admin.site.each_context(request),
        "title": _("Verifikasi dua langkah"),
        "required": two_factor_required(user),
        "next": _next(request),
    }
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if confirmed:
        # New codes only from a session that proved the second factor itself.
        wants_codes = request.method == "POST" and request.POST.get("action") == "recovery"
        if wants_codes and user.is_verified():
            context["codes"] = _new_recovery_codes(user)
        context["active"] = True
        return TemplateResponse(request, "admin/two_factor.html", context)

    device = _pending_device(user)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = "".join(form.cleaned_data["token"].split())
        with transaction.atomic():
            if device.verify_token(token):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                context["codes"] = _new_recovery_codes(user)
                otp_login(request, device)
                context["active"] = True
                return TemplateResponse(request, "admin/two_factor.html", context)
        form.add_error(
            "token", _("Kode tidak cocok. Periksa jam ponsel Anda, lalu coba kode terbaru.")
        )
    context.update(
        form=form,
        qr=_qr_svg(device),
        secret=base64.b32encode(device.bin_key).decode(),
    )
    return TemplateResponse(request, "admin/two_factor.html", context)
