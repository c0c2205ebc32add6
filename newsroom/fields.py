"""Model fields shared by the apps."""

from django.db import models


class WebAddressField(models.URLField):
    """A URL field whose form completes "example.go.id" as https://, not http://.

    Staff type addresses without a scheme; every site they link to serves HTTPS, and
    it is the scheme Django 6 assumes, so the forms agree now instead of warning.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
