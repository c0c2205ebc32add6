from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles.admin.urls import editorial_patterns, image_patterns
from units.security import urls as staff_security_urls

urlpatterns = [
    path("", include(staff_security_urls.urlpatterns)),
    *staff_security_urls.password_reset_patterns,
    path("admin/", admin.site.urls),
    # Staff choose the admin's language here (with a CSRF token); readers follow plain
    # links to /en/, so public pages hold no form and set no cookie.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(image_patterns)),
    path("", include(editorial_patterns)),
    # Machine-read surfaces speak Indonesian whatever the address, so they have one each.
    path("", include("articles.syndication.urls")),
    # The mail provider's signed event webhooks: /anymail/<provider>/tracking/.
    path("anymail/", include("anymail.urls")),
    # Journalists' personal links to embargoed releases (never cached, noindex).
    path("", include("outreach.press.urls")),
]
# Reader pages: Indonesian unprefixed, English under /en/ (see newsroom.middleware).
urlpatterns += i18n_patterns(
    path("", include("articles.portal.urls")),
    path("", include("outreach.subscribers.urls")),
    prefix_default_language=False,
)

if settings.DEBUG and settings.MEDIA_URL.startswith("/"):
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages in the site's layout (404.html is found by Django's default handler).
handler500 = "articles.portal.pages.server_error"
handler400 = "newsroom.oversize.bad_request"
