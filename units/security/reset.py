"""Password-reset mails, limited per address asked for and per client.

The reset form answers the same whether or not an account has the address, and sends
only to active accounts; without a limit anyone could still make it mail a colleague
every second (12 requests were 12 mails), or walk a list of addresses. Here each address
gets at most NEWSROOM_RESET_MAILS_PER_ADDRESS requests an hour and each client
NEWSROOM_RESET_REQUESTS_PER_CLIENT; past either the answer is the same page, and no mail.
Counts live in the shared cache (Redis in production), so every app server sees them.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache

from .lockout import client_ip

log = logging.getLogger("newsroom.security")

WINDOW_SECONDS = 3600


def _spent(key, limit):
    """Count one more use of `key` this hour; True when it was already at `limit`."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between the two calls, or the cache is down
        cache.set(key, 1, WINDOW_SECONDS)
        used = 1
    return used > limit


class ThrottledPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        client = client_ip(request) if request is not None else "-"
        over_client = _spent(
            f"newsroom:reset:client:{client}", settings.NEWSROOM_RESET_REQUESTS_PER_CLIENT
        )
        over_address = _spent(
            f"newsroom:reset:address:{address}", settings.NEWSROOM_RESET_MAILS_PER_ADDRESS
        )
        if over_client or over_address:
            log.warning(
                "password reset refused (%s) from %s",
                "client limit" if over_client else "address limit",
                client,
            )
            return
        return super().save(*args, request=request, **kwargs)
