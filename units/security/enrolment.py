"""Setting up the second factor from the admin: scan a QR code, confirm one code.

The QR code is drawn here (segno), never by an outside service: it carries the shared
secret. Each enrolment attempt gets a secret of its own, made for the session that opened
the page and confirmable only from that session (its device id is kept in the session,
never taken from the form), so two people holding one password never see the same
secret. The device stays unconfirmed, and so unusable for login, until the staff member
proves the app shows the same codes. Confirming the first device also issues the
one-time recovery codes, shown once. Once a device exists, adding another takes a
session that proved the second factor itself; the page lists the account's devices, so
one added by someone else is seen. A superuser deletes the devices of someone who lost
them (the device pages of the admin list everyone's).
"""

import base64
from datetime import timedelta

import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
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
# The session key holding the id of the device this session is setting up.
ATTEMPT = "newsroom_enrolment"
# An attempt not confirmed within this time is dropped and the next visit starts afresh.
ATTEMPT_MINUTES = 15
# Unconfirmed devices kept per account (one per session trying); older ones are dropped.
MAX_ATTEMPTS = 5


class ConfirmForm(forms.Form):
    token = forms.CharField(
        label=_("Kode dari aplikasi"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _attempt(request, fresh=False):
    """The unconfirmed device this session is setting up, made for it if it has none (or
    `fresh`); never one another session made."""
    user = request.user
    since = timezone.now() - timedelta(minutes=ATTEMPT_MINUTES)
    pending = TOTPDevice.objects.filter(user=user, confirmed=False)
    pending.filter(created_at__lt=since).delete()
    pk = request.session.get(ATTEMPT)
    device = None if fresh or pk is None else pending.filter(pk=pk).first()
    if device is None:
        stale = pending.order_by("-created_at", "-pk").values_list("pk", flat=True)[
            MAX_ATTEMPTS - 1 :
        ]
        TOTPDevice.objects.filter(pk__in=list(stale)).delete()
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)
        request.session[ATTEMPT] = device.pk
    return device


def _session_attempt(request):
    """This session's attempt as it stands, or None: a POST never starts one."""
    pk = request.session.get(ATTEMPT)
    if pk is None:
        return None
    since = timezone.now() - timedelta(minutes=ATTEMPT_MINUTES)
    return TOTPDevice.objects.filter(
        pk=pk, user=request.user, confirmed=False, created_at__gte=since
    ).first()


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


def _devices(user):
    """What the owner sees of their account's second factors (a superuser sees everyone's
    under the admin's device pages)."""
    apps = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")
    codes = StaticToken.objects.filter(device__user=user).count()
    return {"devices": list(apps), "codes_left": codes}


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
    action = None
    if request.method == "POST":
        action = request.POST.get("action") or ("confirm" if "token" in request.POST else None)
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if has_device:
        context.update(_devices(user), active=True, verified=user.is_verified())
        if not user.is_verified():
            # Only a session that proved a device may add one or make new codes.
            return TemplateResponse(request, "admin/two_factor.html", context)
        if action == "recovery":
            context["codes"] = _new_recovery_codes(user)
            return TemplateResponse(request, "admin/two_factor.html", context)
        if action not in ("add", "confirm"):
            return TemplateResponse(request, "admin/two_factor.html", context)
        context["adding"] = True

    if action == "confirm":
        device = _session_attempt(request)
        form = ConfirmForm(request.POST)
        if form.is_valid() and device is not None:
            token = "".join(form.cleaned_data["token"].split())
            with transaction.atomic():
                if device.verify_token(token):
                    return _confirmed(request, device, context, first=not has_device)
        if form.is_valid():
            form.add_error("token", _confirm_failure(device))
    else:
        form = ConfirmForm()
    device = _attempt(request, fresh=action == "add")
    context.update(
        form=form,
        enrolling=True,
        qr=_qr_svg(device),
        secret=base64.b32encode(device.bin_key).decode(),
    )
    return TemplateResponse(request, "admin/two_factor.html", context)


def _confirm_failure(device):
    if device is None:
        return _(
            "Kode QR yang Anda pindai sudah tidak berlaku (dibuka di sesi lain atau lebih "
            "dari %(minutes)d menit lalu). Pindai kode QR baru di bawah ini."
        ) % {"minutes": ATTEMPT_MINUTES}
    return _("Kode tidak cocok. Periksa jam ponsel Anda, lalu coba kode terbaru.")


def _confirmed(request, device, context, first):
    user = request.user
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Every other attempt, this session's or another's, ends here.
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    request.session.pop(ATTEMPT, None)
    if first:
        context["codes"] = _new_recovery_codes(user)
    otp_login(request, device)
    context.update(_devices(user), active=True, added=not first, verified=True)
    return TemplateResponse(request, "admin/two_factor.html", context)
