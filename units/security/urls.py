from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from . import enrolment
from .reset import ThrottledPasswordResetForm

urlpatterns = (
    [path("admin/dua-langkah/", enrolment.two_factor, name="two_factor")],
    "staff_security",
)

# Django's reset views under the admin, by the names its login page links to.
password_reset_patterns = [
    path(
        "admin/password_reset/",
        auth_views.PasswordResetView.as_view(
            form_class=ThrottledPasswordResetForm,
            extra_context={"site_header": admin.site.site_header},
        ),
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
]
