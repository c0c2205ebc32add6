from django.urls import path

from . import enrolment

urlpatterns = (
    [path("admin/dua-langkah/", enrolment.two_factor, name="two_factor")],
    "staff_security",
)
