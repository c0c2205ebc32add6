"""Forwarded headers are believed only when our own proxy sent them.

nginx sets X-Forwarded-For and X-Forwarded-Proto for the app. Anyone who reaches an app
server directly (a second app server bound to its network address, a misconfigured
firewall) could send them too: pick the address the login throttle counts (locking out
any address, or dodging the per-address limit) or claim HTTPS. So unless the connection
comes from an address in NEWSROOM_TRUSTED_PROXIES (loopback by default: nginx on the same
host), those headers are removed before anything reads them: first thing in the WSGI
application (`newsroom.pagefront`), and again as the first middleware for any other way
in (the ASGI application, the test client).
"""

from django.conf import settings

FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def from_trusted_proxy(environ):
    return environ.get("REMOTE_ADDR", "") in settings.NEWSROOM_TRUSTED_PROXIES


def strip_untrusted(environ):
    """Drop the forwarded headers of a connection that did not come from our proxy."""
    if not from_trusted_proxy(environ):
        for name in FORWARDED_HEADERS:
            environ.pop(name, None)


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        strip_untrusted(request.META)
        return self.get_response(request)
