"""What a locked-out login sees, which address counts, and the login log.

django-axes counts failures in the database (shared by every app server) and refuses
the login; this module only words the refusal for staff and decides which address a
request comes from behind the site's own proxies.
"""

import logging
import math

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render

log = logging.getLogger("newsroom.security")


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the entry our trusted proxies appended.

    Only the last NEWSROOM_TRUSTED_PROXY_COUNT entries of X-Forwarded-For were written by
    proxies we run; anything before them is whatever the client sent, so it is never read.
    """
    count = settings.NEWSROOM_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


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
