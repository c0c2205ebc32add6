"""What a locked-out login sees, which address counts, the per-address limit, and the
login log.

django-axes counts failures in the database (shared by every app server) per account and
address together, and refuses that pair; `StaffLoginThrottle` adds the much higher limit
on one address over all accounts, read from the same rows. This module also words the
refusal for staff and decides which address a request comes from behind our proxies.
"""

import logging
import math
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from newsroom.security.forwarded import from_trusted_proxy

log = logging.getLogger("newsroom.security")


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the entry our trusted proxies appended.

    Only the last NEWSROOM_TRUSTED_PROXY_COUNT entries of X-Forwarded-For were written by
    proxies we run; anything before them is whatever the client sent, so it is never read.
    A connection from anywhere but our proxies (NEWSROOM_TRUSTED_PROXIES) counts as itself.
    """
    count = settings.NEWSROOM_TRUSTED_PROXY_COUNT if from_trusted_proxy(request.META) else 0
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def address_failures(request):
    """Failed logins from the request's address, over every account, in the cool-off."""
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = AccessAttempt.objects.filter(ip_address=client_ip(request), attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class StaffLoginThrottle(AxesStandaloneBackend):
    """django-axes' check of the account at this address, and first the address as a whole
    against NEWSROOM_LOGIN_ADDRESS_LIMIT."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if (
            request is not None
            and address_failures(request) >= settings.NEWSROOM_LOGIN_ADDRESS_LIMIT
        ):
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("too many failed logins from this address")
        return super().authenticate(request, username, password, **kwargs)


def locked_out(request, response=None, credentials=None):
    minutes = math.ceil(settings.AXES_COOLOFF_TIME * 60)
    return render(
        request,
        "admin/locked_out.html",
        {**admin.site.each_context(request), "minutes": minutes},
        status=429,
    )


def _username(credentials):
    return (credentials or {}).get("username", "")[:150]


@receiver(user_login_failed)
def _log_failure(sender, credentials, request=None, **kwargs):
    log.warning(
        "login failed for %r from %s",
        _username(credentials),
        client_ip(request) if request is not None else "-",
    )


@receiver(user_logged_in)
def _log_success(sender, request, user, **kwargs):
    log.info("login by %r from %s", user.get_username(), client_ip(request))


@receiver(user_logged_out)
def _log_logout(sender, request, user, **kwargs):
    if user is not None:
        log.info("logout by %r from %s", user.get_username(), client_ip(request))
