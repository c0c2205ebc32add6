"""Values every template needs, kept to settings lookups so no query runs per page."""

from django.conf import settings
from django.templatetags.static import static

# The institution's square mark: the publisher's logo in JSON-LD and the picture a social
# network shows for a page that has none of its own. Replace the file to rebrand.
LOGO = "img/logo.png"
LOGO_SIZE = 512


def site(request):
    return {
        "SITE_NAME": settings.NEWSROOM_SITE_NAME,
        "PUBLISHER_NAME": settings.NEWSROOM_PUBLISHER_NAME,
        "PUBLISHER_ADDRESS": settings.NEWSROOM_PUBLISHER_ADDRESS,
        "SITE_LOGO": static(LOGO),
        # The reach beacon's endpoint, or None when counting is off (issue 26).
        "REACH_BEACON": settings.NEWSROOM_REACH_BEACON_PATH if settings.NEWSROOM_REACH else None,
    }
