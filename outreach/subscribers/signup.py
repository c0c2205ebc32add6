"""Signing up and confirming: double opt-in with limits, the same answer for everyone.

Whether an address is new, waiting or already subscribed, the reader sees the same page
("check your mail"); what differs is only the mail the address receives. At most
NEWSROOM_SUBSCRIBE_MAILS_PER_ADDRESS confirmation mails go to one address a day (counted
in the outbox, so every server agrees) and NEWSROOM_SUBSCRIBE_REQUESTS_PER_CLIENT
sign-ups come from one client an hour (the shared cache).
"""

import hashlib
import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units.security.lockout import client_ip

from ..models import Frequency, OutboxMessage, Subscriber, Subscription, Suppression
from . import mails, scopes, tokens

CONFIRM_KINDS = ("subscriber_confirm", "subscriber_known")
UNCONFIRMED_DAYS = 7


def consent_text():
    """The sentence the reader agrees to; stored word for word with the sign-up."""
    return _(
        "Saya setuju %(publisher)s menyimpan alamat e-mail dan pilihan saya untuk mengirim "
        "berita yang saya pilih, sesuai kebijakan privasi. Saya dapat berhenti kapan saja."
    ) % {"publisher": settings.NEWSROOM_PUBLISHER_NAME}


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Alamat e-mail"), max_length=254)
    scopes = forms.Field(
        label=gettext_lazy("Yang ingin diikuti"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("Seberapa sering"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Bahasa e-mail"),
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(label=gettext_lazy("Persetujuan"), required=True)
    page = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def offer(self, choices):
        """The checkboxes shown: [("kind:key", label)]."""
        self.fields["scopes"].widget.choices = choices

    def clean_scopes(self):
        raw = self.cleaned_data.get("scopes") or []
        try:
            pairs, labels = scopes.checked(raw)
        except scopes.ScopeError as problem:
            raise forms.ValidationError(str(problem)) from None
        self.labels = labels
        return pairs


def client_over_limit(request):
    key = f"newsroom:subscribe:client:{client_ip(request)}"
    cache.add(key, 0, 3600)
    try:
        used = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3600)
        used = 1
    return used > settings.NEWSROOM_SUBSCRIBE_REQUESTS_PER_CLIENT


def _address_over_limit(email):
    since = timezone.now() - timedelta(days=1)
    sent = OutboxMessage.objects.filter(
        recipient=email, kind__in=CONFIRM_KINDS, created_at__gte=since
    ).count()
    return sent >= settings.NEWSROOM_SUBSCRIBE_MAILS_PER_ADDRESS


def _one_at_a_time(email):
    """Sign-ups of one address wait for each other until the transaction ends, so the
    daily limit is counted exactly and a new address is created once (two at the same
    moment would otherwise both pass the count, and the second insert fail). PostgreSQL's
    advisory lock; SQLite runs one writing transaction at a time anyway."""
    if connection.vendor != "postgresql":
        return
    key = int.from_bytes(hashlib.sha256(f"subscribe:{email}".encode()).digest()[:8], "big")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key - (1 << 63)])


@transaction.atomic
def request_subscription(data, page):
    """Record an unconfirmed sign-up (or refresh a waiting one) and mail the address.

    A confirmed subscriber's choices are not touched (anyone can type an address): they
    get a mail with the link to their own page instead.
    """
    email = data["email"].strip().lower()
    _one_at_a_time(email)
    if _address_over_limit(email):
        return
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.confirmed and subscriber.subscriptions.exists():
        mails.send_personal(
            subscriber,
            kind="subscriber_known",
            key=f"sub-known:{subscriber.pk}:{secrets.token_hex(8)}",
            template="subscriber_known",
            context={},
        )
        return
    now = timezone.now()
    if subscriber is None:
        subscriber = Subscriber(email=email)
    subscriber.confirmed_at = None  # new or left everything: confirms afresh
    subscriber.language = data["language"]
    subscriber.frequency = data["frequency"]
    subscriber.consent_at = now
    subscriber.consent_page = page[:500]
    subscriber.consent_text = consent_text()
    subscriber.confirm_nonce = secrets.token_hex(16)
    subscriber.save()
    subscriber.subscriptions.all().delete()
    Subscription.objects.bulk_create(
        Subscription(subscriber=subscriber, kind=kind, key=key) for kind, key in data["scopes"]
    )
    mails.send_personal(
        subscriber,
        kind="subscriber_confirm",
        key=f"sub-confirm:{subscriber.pk}:{subscriber.confirm_nonce}",
        template="subscriber_confirm",
        context={
            "confirm_url": mails.absolute(
                "subscribers:confirm", subscriber.language, tokens.confirm_token(subscriber)
            ),
            "scope_labels": list(data["labels"]),
        },
    )


@transaction.atomic
def confirm(subscriber):
    """The reader pressed the button: subscribed from now on, and off the suppression list."""
    subscriber.confirmed_at = timezone.now()
    subscriber.confirm_nonce = ""
    subscriber.save(update_fields=["confirmed_at", "confirm_nonce"])
    Suppression.objects.filter(address=subscriber.email).delete()


def expire_unconfirmed():
    """Delete sign-ups nobody confirmed within 7 days (a clock job)."""
    cutoff = timezone.now() - timedelta(days=UNCONFIRMED_DAYS)
    Subscriber.objects.filter(confirmed_at=None, consent_at__lt=cutoff).delete()
