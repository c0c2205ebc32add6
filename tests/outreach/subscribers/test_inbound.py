"""The mailto in List-Unsubscribe works: a signed Mailgun inbound post of that mail leaves."""

import hashlib
import hmac
import time
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from outreach.models import Subscriber, Subscription
from outreach.subscribers import mails, tokens

pytestmark = pytest.mark.django_db
KEY = "uji-kunci-penandatangan"
URL = "/anymail/mailgun/inbound_mime/"
AUTH = "Basic cGVueWVkaWE6cmFoYXNpYQ=="  # penyedia:rahasia


@pytest.fixture(autouse=True)
def signing_key(settings):
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": KEY, "WEBHOOK_SECRET": "penyedia:rahasia"}


def follower(email, language="id"):
    row = Subscriber.objects.create(
        email=email, language=language, consent_at="2026-01-01T00:00Z", consent_text="setuju",
        confirmed_at="2026-01-02T00:00Z",
    )  # fmt: skip
    Subscription.objects.create(subscriber=row, kind="all")
    Subscription.objects.create(subscriber=row, kind="agenda")
    return row


def alert_to(subscriber, smtp, django_capture_on_commit_callbacks):
    """A real bulk mail through the SMTP server; its List-Unsubscribe mailto, parsed."""
    with django_capture_on_commit_callbacks(execute=True):
        mails.send_bulk(
            subscriber, kind="subscriber_alert", key=f"uji:{subscriber.pk}",
            template="subscriber_alert",
            context={"item_title": "Kelas daring", "item_when": "", "item_lead": "",
                     "item_url": "http://127.0.0.1:8000/"},
        )  # fmt: skip
    [mail] = [m for m in smtp.messages if m["To"] == subscriber.email]
    [mailto] = [
        part.strip()[1:-1]
        for part in mail["List-Unsubscribe"].split(",")
        if part.strip().startswith("<mailto:")
    ]
    address = urlsplit(mailto)
    return address.path, unquote(parse_qs(address.query)["subject"][0])


def what_a_client_sends(sender, to, subject, body="Saya ingin berhenti."):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message.set_content(body)
    return message.as_string()


def post(client, raw, recipient, key=KEY):
    timestamp, token = str(int(time.time())), f"tok{time.monotonic_ns()}"
    signature = hmac.new(key.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()
    data = {
        "body-mime": raw, "recipient": recipient, "sender": "guru@example.test",
        "timestamp": timestamp, "token": token, "signature": signature,
    }  # fmt: skip
    return client.post(URL, data, HTTP_AUTHORIZATION=AUTH)


def test_the_mailto_of_a_real_alert_unsubscribes_through_the_signed_webhook(
    client, smtp, django_capture_on_commit_callbacks
):
    reader = follower("guru@example.test")
    other = follower("lain@example.test")
    mailbox, subject = alert_to(reader, smtp, django_capture_on_commit_callbacks)
    assert mailbox == mails.mailbox() and subject.startswith("unsubscribe ")
    raw = what_a_client_sends("Guru <guru@example.test>", mailbox, subject)
    assert post(client, raw, mailbox).status_code == 200
    assert not reader.subscriptions.exists()
    assert other.subscriptions.count() == 2


def test_a_forged_inbound_post_changes_nothing(client):
    reader = follower("guru@example.test")
    subject = mails.unsubscribe_subject(tokens.manage_token(reader))
    raw = what_a_client_sends("guru@example.test", mails.mailbox(), subject)
    assert post(client, raw, mails.mailbox(), key="kunci-palsu").status_code == 400
    assert reader.subscriptions.count() == 2
    no_auth = client.post(URL, {"body-mime": raw, "timestamp": "1", "token": "t", "signature": "s"})
    assert no_auth.status_code in (400, 401, 403)
    assert reader.subscriptions.count() == 2


def test_inbound_mail_without_a_valid_token_or_to_another_address_changes_nothing(client):
    reader = follower("guru@example.test")
    token = tokens.manage_token(reader)
    confirm = tokens.confirm_token(reader)  # another purpose's token is no manage token
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for to, subject in [
        ("humas@example.test", mails.unsubscribe_subject(token)),
        (mails.mailbox(), mails.unsubscribe_subject(confirm)),
        (mails.mailbox(), mails.unsubscribe_subject(tampered)),
        (mails.mailbox(), "unsubscribe"),
        (mails.mailbox(), "x" * 5000),
    ]:
        response = post(client, what_a_client_sends("guru@example.test", to, subject), to)
        assert response.status_code == 200
        assert reader.subscriptions.count() == 2, subject[:80]


def test_a_token_moved_into_the_body_still_unsubscribes(client):
    reader = follower("guru@example.test")
    body = f"unsubscribe {tokens.manage_token(reader)}"
    raw = what_a_client_sends("guru@example.test", mails.mailbox(), "Re: berhenti", body)
    assert post(client, raw, mails.mailbox()).status_code == 200
    assert not reader.subscriptions.exists()
