"""The distribution page, the per-recipient report and its CSV, leaving with one click,
and the notice every recipient gets after a withdrawal or a major correction."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.workflow import events
from outreach.models import Release, ReleaseRecipient, Suppression, SuppressionReason
from outreach.press import links
from tests.outreach.subscribers.test_bounces import KEY, payload, post

from .conftest import approved_article

pytestmark = pytest.mark.django_db


def distribute_page(client, team, press, item, when):
    client.force_login(team["publisher"])
    local = timezone.localtime(when)
    return client.post(
        reverse("admin:outreach_release_add"),
        {
            "article": item.pk, "lists": [press["list"].pk], "mode": "embargo",
            "embargo_until": local.strftime("%Y-%m-%dT%H:%M"),
            "note": "Salam hangat.", "contact_name": "Rani", "contact_email": "rani@kemdikbud.test",
        },
    )  # fmt: skip


def test_the_distribution_page_sends_under_embargo_and_refuses_a_past_time(
    client, team, press, smtp, django_capture_on_commit_callbacks
):
    item = approved_article(team)
    refused = distribute_page(client, team, press, item, timezone.now() - timedelta(hours=1))
    assert refused.status_code == 200 and "sudah lewat" in refused.content.decode()
    assert not Release.objects.exists()
    at = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        sent = distribute_page(client, team, press, item, at)
    assert sent.status_code == 302, sent.context and sent.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.is_scheduled and item.publish_at == at
    assert {m["To"] for m in smtp.messages} >= {"sari@harian.test", "tono@radio.test"}


def test_the_report_says_delivered_sent_bounced_unsubscribed_and_opened_and_exports_csv(
    client, team, press, smtp, django_capture_on_commit_callbacks, settings
):
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": KEY, "WEBHOOK_SECRET": "penyedia:rahasia"}
    smtp.recorder.refuse["tono@"] = "550 5.1.1 mailbox unavailable"
    item = approved_article(team)
    with django_capture_on_commit_callbacks(execute=True):
        distribute_page(client, team, press, item, timezone.now() + timedelta(days=1))
    sari = ReleaseRecipient.objects.get(email="sari@harian.test")
    jane = ReleaseRecipient.objects.get(email="jane@wire.test")
    client.logout()
    # The provider's signed webhook says Sari's mail reached her server (its Message-ID is
    # the one the SMTP server received); a forged one for Tono changes nothing.
    sari_id = next(m["Message-ID"] for m in smtp.messages if m["To"] == "sari@harian.test")
    assert sari_id == sari.message.message_id
    delivered = payload("delivered", "sari@harian.test", "d1", message_id=sari_id.strip("<>"))
    assert post(client, delivered).status_code == 200
    assert post(client, delivered).status_code == 200  # retried by the provider: once
    forged = payload("delivered", "tono@radio.test", "d2", key="palsu", message_id="x")
    assert post(client, forged).status_code == 400
    assert client.get(reverse("press:personal", args=[links.signed(sari.token)])).status_code == 200
    # Jane's mail client leaves with one click (RFC 8058: a POST, no cookie, no page).
    one_click = client.post(
        reverse("press:unsubscribe", args=[links.signed(jane.token)]),
        {"List-Unsubscribe": "One-Click"},
    )
    assert one_click.status_code == 200
    assert (
        Suppression.objects.get(address="jane@wire.test").reason == SuppressionReason.UNSUBSCRIBED
    )

    client.force_login(team["editor"])
    release = Release.objects.get()
    changelist = reverse("admin:outreach_releaserecipient_changelist")
    page = client.get(changelist, {"release__id__exact": release.pk})
    assert page.status_code == 200 and "diterima" in page.content.decode()
    exported = client.post(
        changelist + f"?release__id__exact={release.pk}",
        {"action": "export_csv", "_selected_action": [r.pk for r in release.recipients.all()]},
    )
    text = exported.content.decode("utf-8-sig")
    rows = {row[2]: row for row in csv.reader(io.StringIO(text))}
    assert rows["email"][7] == "diterima"
    assert rows["sari@harian.test"][3] == "diterima" and rows["sari@harian.test"][7]
    assert rows["sari@harian.test"][8] == "1"
    assert rows["tono@radio.test"][7] == ""
    assert rows["tono@radio.test"][3] == "ditolak penerima"
    assert "mailbox unavailable" in rows["tono@radio.test"][4]
    assert rows["jane@wire.test"][3] == "berhenti berlangganan"
    # A colleague of another unit gets no report.
    client.force_login(team["editor_elsewhere"])
    other = client.get(changelist, {"release__id__exact": release.pk})
    assert b"sari@harian.test" not in other.content


def test_a_withdrawal_sends_every_recipient_a_notice_and_closes_the_links(
    client, team, press, smtp, django_capture_on_commit_callbacks
):
    item = approved_article(team)
    with django_capture_on_commit_callbacks(execute=True):
        distribute_page(client, team, press, item, timezone.now() + timedelta(days=1))
    item.refresh_from_db()
    sari = ReleaseRecipient.objects.get(email="sari@harian.test")
    before = len(smtp.messages)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(item, team["publisher"], "Data peserta keliru.")
    with django_capture_on_commit_callbacks(execute=True):
        events.dispatch_due()
    notices = [
        m
        for m in smtp.messages[before:]
        if m["Subject"].startswith(("Siaran pers ditarik", "Press release withdrawn"))
    ]
    assert sorted(m["To"] for m in notices) == sorted(c.email for c in press["contacts"])
    body = notices[0].get_payload()[0].get_payload(decode=True).decode()
    assert "Data peserta keliru." in body
    client.logout()
    assert client.get(reverse("press:personal", args=[links.signed(sari.token)])).status_code == 404


def test_a_major_correction_sends_a_notice_and_a_minor_one_does_not(
    team, press, smtp, django_capture_on_commit_callbacks
):
    from outreach.press import distribution

    item = approved_article(team)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(item, team["publisher"])
        distribution.distribute(
            item, team["editor"], lists=[press["list"]], mode="publication",
            contact=("A", "a@b.test", ""),
        )  # fmt: skip
    assert {m["To"] for m in smtp.messages} >= {"sari@harian.test"}  # live: sent at once
    before = len(smtp.messages)
    item.corrections.create(text="Jumlah peserta 43, bukan 34.")
    with django_capture_on_commit_callbacks(execute=True):
        events.emit(events.CORRECTED, item, key="minor", data={"major": False})
    with django_capture_on_commit_callbacks(execute=True):
        events.emit(events.CORRECTED, item, key="major", data={"major": True})
    notices = smtp.messages[before:]
    assert sorted(m["To"] for m in notices) == sorted(c.email for c in press["contacts"])
    assert all(m["Subject"].startswith(("Ralat penting", "Important correction")) for m in notices)
    assert (
        "Jumlah peserta 43, bukan 34."
        in notices[0].get_payload()[0].get_payload(decode=True).decode()
    )
