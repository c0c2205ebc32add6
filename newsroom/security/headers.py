"""Security headers Django does not set itself, and the admin's own Content-Security-Policy.

The public policy (settings.CONTENT_SECURITY_POLICY) allows nothing inline. Admin pages
get NEWSROOM_ADMIN_CSP: inline styles for its widgets, and still no inline script.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import NoReverseMatch, reverse


class SecurityHeadersMiddleware:
    """Permissions-Policy: no page here needs the camera, the microphone or the location."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.NEWSROOM_PERMISSIONS_POLICY)
        return response


def is_admin_path(path):
    try:
        return path.startswith(reverse("admin:index"))
    except NoReverseMatch:  # a URLconf without the admin (tests of one app's routes)
        return False


class NewsroomCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.NEWSROOM_ADMIN_CSP["DIRECTIVES"]
        return parts
