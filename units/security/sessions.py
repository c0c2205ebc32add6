"""Staff sessions end after a stretch without a request (NEWSROOM_STAFF_IDLE_SECONDS).

The session's expiry date moves with activity, but at most once a minute, so a busy
editor does not cost a session write on every click. Sessions also end everywhere
when the password changes: Django checks the password hash stored in each session.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

LAST_SEEN = "newsroom_last_seen"
REFRESH_SECONDS = 60


@receiver(user_logged_in)
def _start_the_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a request that brings a session can belong to staff; asking anyone else's
        # `user` would read the session and make every public page vary on Cookie.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.NEWSROOM_STAFF_IDLE_SECONDS:
                logout(request)
                messages.info(
                    request, _("Sesi Anda berakhir karena lama tidak aktif. Silakan masuk lagi.")
                )
            elif last_seen is None or now - last_seen >= REFRESH_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
