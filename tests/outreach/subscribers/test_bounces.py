"""Signed Mailgun tracking webhooks (through django-anymail) suppress bounces and complaints."""

import hashlib
import hmac
import json
import time

import pytest

from outreach.models import (
    DeliveryReport,
    OutboxMessage,
    OutboxStatus,
    Subscriber,
    Subscription,
    Suppression,
    SuppressionReason,
)

pytestmark = pytest.mark.django_db
KEY = "uji-kunci-penandatangan"
URL = "/anymail/mailgun/tracking/"


@pytest.fixture(autouse=True)
def signing_key(settings):
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": KEY, "WEBHOOK_SECRET": "penyedia:rahasia"}


def payload(event, recipient, token, key=KEY, **data):
    timestamp = str(int(time.time()))
    signature = hmac.new(key.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": {
            "event": event,
            "id": token,
            "timestamp": float(timestamp),
            "recipient": recipient,
            "message": {"headers": {"message-id": data.pop("message_id", "x@mg")}},
            **data,
        },
    }


def post(client, body):
    return client.post(
        URL,
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION="Basic cGVueWVkaWE6cmFoYXNpYQ==",  # penyedia:rahasia
    )


def follower(email):
    row = Subscriber.objects.create(
        email=email, language="id", consent_at="2026-01-01T00:00Z", consent_text="setuju",
        confirmed_at="2026-01-02T00:00Z",
    )  # fmt: skip
    Subscription.objects.create(subscriber=row, kind="all")
    return row


def test_a_hard_bounce_suppresses_the_address_and_marks_the_message(client):
    message = OutboxMessage.objects.create(
        kind="subscriber_alert", key="k", recipient="mental@example.test", subject="s",
        text="t", message_id="<a@b>", provider_id="prov-1", status=OutboxStatus.SENT,
    )  # fmt: skip
    body = payload(
        "failed", "Mental@Example.test", "t1", severity="permanent", message_id="prov-1",
        **{"delivery-status": {"code": 550, "message": "No such user"}},
    )  # fmt: skip
    assert post(client, body).status_code == 200
    assert Suppression.objects.get().reason == SuppressionReason.HARD_BOUNCE
    message.refresh_from_db()
    assert message.status == OutboxStatus.BOUNCED
    assert post(client, body).status_code == 200  # the provider retries: counted once
    assert DeliveryReport.objects.count() == 1


def test_a_complaint_suppresses_and_leaves_every_subscription(client):
    reader = follower("guru@example.test")
    assert post(client, payload("complained", "guru@example.test", "t2")).status_code == 200
    assert Suppression.objects.get().reason == SuppressionReason.COMPLAINT
    assert not reader.subscriptions.exists()


def test_soft_bounces_suppress_only_after_repeated_failures(client, settings):
    settings.NEWSROOM_SOFT_BOUNCE_LIMIT = 3
    follower("penuh@example.test")
    for n in range(2):
        post(client, payload("failed", "penuh@example.test", f"s{n}", severity="temporary"))
    assert not Suppression.objects.exists()
    post(client, payload("failed", "penuh@example.test", "s3", severity="temporary"))
    assert Suppression.objects.get().reason == SuppressionReason.SOFT_BOUNCE


def test_a_forged_signature_changes_nothing(client):
    body = payload("complained", "guru@example.test", "t9", key="kunci-palsu")
    assert post(client, body).status_code == 400
    assert not Suppression.objects.exists() and not DeliveryReport.objects.exists()
