from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from articles.admin.urls import editorial_patterns, image_patterns
from units.security import urls as staff_security_urls

urlpatterns = [
    path("", include(staff_security_urls.urlpatterns)),
    path(
        "admin/password_reset/",
        auth_views.PasswordResetView.as_view(extra_context={"site_header": admin.site.site_header}),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    # The footer's language switcher posts without a CSRF token, so a public page sets no
    # cookie and the nginx micro-cache can keep it (docs/deploy.md). A forged post could
    # only change a visitor's interface language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("", include(image_patterns)),
    path("", include(editorial_patterns)),
    path("", include("articles.syndication.urls")),
    path("", include("articles.portal.urls")),
]

if settings.DEBUG and settings.MEDIA_URL.startswith("/"):
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages in the site's layout (404.html is found by Django's default handler).
handler500 = "articles.portal.pages.server_error"
