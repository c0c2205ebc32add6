"""Personal links: one per recipient, a random token signed into the address.

The signature lets a forged or mistyped address be refused before any query; the token
is looked up and must not be revoked. Both answers to a bad link are the same 404.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse

from ..models import ReleaseRecipient

SALT = "outreach.press.personal-link"


def new_token():
    return secrets.token_urlsafe(24)


def signed(token):
    return signing.Signer(salt=SALT).sign(token)


def personal_url(recipient):
    return settings.SITE_URL + reverse("press:personal", args=[signed(recipient.token)])


def kit_zip_url(recipient):
    return settings.SITE_URL + reverse("press:private_zip", args=[signed(recipient.token)])


def unsubscribe_url(recipient):
    return settings.SITE_URL + reverse("press:unsubscribe", args=[signed(recipient.token)])


def recipient_for(value):
    """The recipient a signed token names, or None (forged, unknown)."""
    try:
        token = signing.Signer(salt=SALT).unsign(value)
    except signing.BadSignature:
        return None
    return (
        ReleaseRecipient.objects.select_related("release", "release__article")
        .filter(token=token)
        .first()
    )
