"""Who must use a second factor, and sending them to set one up before any staff page.

Editors, publishers and superusers can publish or approve in the institution's name, so
where NEWSROOM_REQUIRE_2FA is on (production) their password alone opens nothing but the
enrolment page. Writers may enrol but need not.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .. import roles

STAFF_NAMESPACES = {"admin", "editorial", "images"}
# Pages an unverified session may still reach: leaving, and (for share links) readers'.
OPEN_VIEWS = {"logout", "login", "jsi18n", "share"}


def two_factor_required(user):
    return bool(settings.NEWSROOM_REQUIRE_2FA) and (
        roles.is_editor(user) or roles.is_publisher(user) or user.is_superuser
    )


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = request.user
        if (
            match is None
            or match.namespace not in STAFF_NAMESPACES
            or match.url_name in OPEN_VIEWS
            or not user.is_authenticated
            or user.is_verified()
            or not two_factor_required(user)
        ):
            return None
        target = reverse("staff_security:two_factor")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
