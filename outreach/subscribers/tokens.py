"""Signed links in subscriber mail: confirm, manage, leave. No account, no password.

`django.core.signing` with a salt per purpose, so a manage link cannot be replayed as a
confirmation. A confirmation link also carries the subscriber's current nonce and expires
after 7 days: a used or superseded link is refused. Manage and leave links carry the
address they were sent to, so a link outlives nothing the subscriber deleted.
"""

import hashlib
from datetime import timedelta

from django.core import signing

from ..models import Subscriber

CONFIRM_MAX_AGE = timedelta(days=7)
SALTS = {
    "confirm": "outreach.subscribers.confirm",
    "manage": "outreach.subscribers.manage",
}


class TokenProblem(Exception):
    """Why a link does not work: "invalid", "expired", "used" or "gone"."""

    def __init__(self, reason):
        self.reason = reason
        super().__init__(reason)


def _fingerprint(email):
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def confirm_token(subscriber):
    payload = {"s": subscriber.pk, "n": subscriber.confirm_nonce}
    return signing.dumps(payload, salt=SALTS["confirm"], compress=True)


def manage_token(subscriber):
    payload = {"s": subscriber.pk, "e": _fingerprint(subscriber.email)}
    return signing.dumps(payload, salt=SALTS["manage"], compress=True)


def _load(token, purpose, max_age=None):
    if not isinstance(token, str) or len(token) > 300:
        raise TokenProblem("invalid")
    try:
        payload = signing.loads(token, salt=SALTS[purpose], max_age=max_age)
    except signing.SignatureExpired:
        raise TokenProblem("expired") from None
    except signing.BadSignature:
        raise TokenProblem("invalid") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
        raise TokenProblem("invalid")
    return payload


def subscriber_to_confirm(token):
    """(subscriber, already_confirmed) for a confirmation link, or TokenProblem."""
    payload = _load(token, "confirm", max_age=CONFIRM_MAX_AGE)
    subscriber = Subscriber.objects.filter(pk=payload["s"]).first()
    if subscriber is None:
        raise TokenProblem("gone")
    if subscriber.confirm_nonce and payload.get("n") == subscriber.confirm_nonce:
        return subscriber, False
    if subscriber.confirmed:
        return subscriber, True
    raise TokenProblem("used")


def subscriber_to_manage(token):
    payload = _load(token, "manage")
    subscriber = Subscriber.objects.filter(pk=payload["s"]).first()
    if subscriber is None or payload.get("e") != _fingerprint(subscriber.email):
        raise TokenProblem("gone")
    return subscriber
