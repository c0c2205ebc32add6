"""Values every template needs, kept to settings lookups so no query runs per page."""

from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.NEWSROOM_SITE_NAME,
        "PUBLISHER_NAME": settings.NEWSROOM_PUBLISHER_NAME,
    }
