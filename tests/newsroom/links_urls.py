"""A URLconf that mounts the portal elsewhere, for tests/newsroom/test_links.py."""

from django.urls import include, path

urlpatterns = [path("lain/", include("articles.portal.urls"))]
