"""Alerts, digests and notices through a real SMTP server, each exactly once."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Correction, Section, Status
from articles.workflow import events
from outreach.background import clock
from outreach.background.schedule import JOBS
from outreach.models import (
    OutboxMessage,
    SentItem,
    Subscriber,
    Subscription,
    Suppression,
    SuppressionReason,
)
from outreach.subscribers import alerts
from tests import factories as f
from tests.admin.forms import article_data, change_url

from .conftest import links_in, text_of

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def subscriber(email, *follows, frequency="immediate", language="id"):
    now = timezone.now() - timedelta(days=30)
    row = Subscriber.objects.create(
        email=email,
        language=language,
        frequency=frequency,
        confirmed_at=now,
        consent_at=now,
        consent_text="setuju",
    )
    for follow in follows:
        kind, _sep, key = follow.partition(":")
        Subscription.objects.create(subscriber=row, kind=kind, key=key)
    return row


def to(smtp, address):
    return [m for m in smtp.messages if m["To"] == address]


def approved(team, **extra):
    item = f.article(status=Status.APPROVED, owner=team["unit"], created_by=team["writer"], **extra)
    item.approved_version = item.version
    item.save()
    return item


@pytest.fixture
def publish(team, django_capture_on_commit_callbacks):
    def run(**extra):
        item = approved(team, **extra)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.publish(item, team["publisher"])
        return item

    return run


def test_a_publish_alerts_each_matching_immediate_subscriber_once(
    smtp, publish, django_capture_on_commit_callbacks
):
    subscriber("berita@example.test", "section:berita")
    subscriber("semua@example.test", "all", "section:berita", language="en")
    subscriber("pengumuman@example.test", "section:pengumuman")
    subscriber("harian@example.test", "all", frequency="daily")

    item = publish(section=Section.BERITA, title="Kelas daring media sosial")

    [alert] = to(smtp, "berita@example.test")
    assert alert["Subject"] == "Kelas daring media sosial"
    assert item.get_absolute_url() in text_of(alert)
    # Tagged, so the reach dashboard shows what the mail brought.
    tagged = f"?utm_source=newsletter&utm_medium=email&utm_campaign={item.slug}"
    assert item.get_absolute_url() + tagged in text_of(alert)
    assert "Anda menerima e-mail ini karena berlangganan" in text_of(alert)
    assert "Gedung E" in text_of(alert)
    unsubscribe = alert["List-Unsubscribe"]
    assert "<http://" in unsubscribe and "/langganan/berhenti/" in unsubscribe
    assert "<mailto:unsubscribe@" in unsubscribe
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [english] = to(smtp, "semua@example.test")  # two matching scopes, one mail
    assert "You receive this mail because" in text_of(english)
    assert "/en/berita/" in text_of(english)
    assert not to(smtp, "pengumuman@example.test") and not to(smtp, "harian@example.test")

    # A retried or rescued fan-out sends nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        alerts.fan_out.call("article", item.pk, 0)
    assert len(to(smtp, "berita@example.test")) == 1
    assert OutboxMessage.objects.filter(kind="subscriber_alert").count() == 2
    assert SentItem.objects.filter(item_id=item.pk).count() == 2


def test_suppressed_addresses_get_no_alert(smtp, publish):
    subscriber("mental@example.test", "all")
    Suppression.add("mental@example.test", SuppressionReason.HARD_BOUNCE)
    publish()
    assert not to(smtp, "mental@example.test")


def test_one_click_from_the_alert_stops_the_next_one(client, smtp, publish):
    subscriber("guru@example.test", "all")
    publish(title="Pertama")
    [alert] = to(smtp, "guru@example.test")
    leave = links_in(alert)["berhenti"]
    assert alert["List-Unsubscribe"].startswith(f"<http://127.0.0.1:8000{leave}>") or (
        leave in alert["List-Unsubscribe"]
    )
    assert client.post(leave).status_code == 200
    publish(title="Kedua", slug="kedua")
    assert len(to(smtp, "guru@example.test")) == 1


def test_withdrawal_notifies_those_alerted_with_the_reason(
    smtp, publish, team, django_capture_on_commit_callbacks
):
    subscriber("guru@example.test", "all")
    item = publish(title="Kelas daring")
    subscriber("baru@example.test", "all")  # joined later: never told, hears nothing
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(item, team["publisher"], "Data peserta keliru")

    alert, notice = to(smtp, "guru@example.test")
    assert notice["Subject"] == "Ditarik: Kelas daring"
    assert "Data peserta keliru" in text_of(notice)
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not to(smtp, "baru@example.test")


def test_a_major_correction_notifies_those_alerted_and_a_minor_one_nothing(
    smtp, publish, team, django_capture_on_commit_callbacks
):
    subscriber("guru@example.test", "all")
    item = publish(title="Kelas daring")
    minor = Correction.objects.create(article=item, text="Salah ketik")
    major = Correction.objects.create(article=item, text="Tanggal acara 26 Juni", major=True)
    with django_capture_on_commit_callbacks(execute=True):
        # What the admin does when a major correction is saved (test_admin_major below).
        events.emit(
            events.CORRECTED,
            item,
            key=f"correction:{major.pk}",
            data={"major": True, "correction": major.pk},
        )
        events.emit(events.CORRECTED, item, key="merge:1", data={"major": False})
    alert, notice = to(smtp, "guru@example.test")
    assert notice["Subject"] == "Ralat: Kelas daring"
    assert "Tanggal acara 26 Juni" in text_of(notice)
    assert minor.text not in text_of(notice)


def test_the_daily_digest_groups_new_items_once(smtp, team, django_capture_on_commit_callbacks):
    reader = subscriber("harian@example.test", "section:berita", "all", frequency="daily")
    weekly = subscriber("mingguan@example.test", "all", frequency="weekly")
    first = approved(team, title="Satu", slug="satu", section=Section.BERITA)
    second = approved(team, title="Dua", slug="dua", section=Section.BERITA)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(first, team["publisher"])
        workflow.publish(second, team["publisher"])
    seven = timezone.now().astimezone(WIB).replace(hour=7, minute=1) + timedelta(days=1)
    # A day later at 07.00 WIB: the daily digest (twice: a second clock adds nothing).
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            clock.tick(JOBS, now=seven)
    [digest] = to(smtp, "harian@example.test")
    body = text_of(digest)
    assert body.count("Satu") == 1 and body.count("Dua") == 1
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "2 berita hari ini" in digest["Subject"]
    # The next day's digest leaves out what was sent already: nothing new, no mail.
    with django_capture_on_commit_callbacks(execute=True):
        clock.tick(JOBS, now=seven + timedelta(days=1))
    assert len(to(smtp, "harian@example.test")) == 1
    assert SentItem.objects.filter(subscriber=reader).count() == 2
    # The weekly one comes on Monday 07.00 WIB.
    monday = seven + timedelta(days=(7 - seven.weekday()) % 7 or 7)
    assert monday.weekday() == 0 and monday - seven <= timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        clock.tick(JOBS, now=monday)
    [weekly_digest] = to(smtp, "mingguan@example.test")
    assert "minggu ini" in weekly_digest["Subject"]
    assert SentItem.objects.filter(subscriber=weekly).count() == 2


def test_admin_major_correction_notifies_once_and_a_minor_one_sends_nothing(
    client, smtp, publish, team, django_capture_on_commit_callbacks
):
    subscriber("guru@example.test", "all")
    live = publish(title="Kelas daring")
    client.force_login(team["editor"])

    def add(text, major):
        live.refresh_from_db()
        existing = list(Correction.objects.filter(article=live).order_by("pk"))
        rows = {}
        for n, note in enumerate(existing):
            rows |= {
                f"corrections-{n}-id": note.pk,
                f"corrections-{n}-article": live.pk,
                f"corrections-{n}-noted_at_0": "26/06/2020",
                f"corrections-{n}-noted_at_1": "09:00",
                f"corrections-{n}-text": note.text,
                **({f"corrections-{n}-major": "on"} if note.major else {}),
            }
        n = len(existing)
        rows |= {
            "corrections-TOTAL_FORMS": n + 1,
            "corrections-INITIAL_FORMS": n,
            f"corrections-{n}-noted_at_0": "26/06/2020",
            f"corrections-{n}-noted_at_1": "10:00",
            f"corrections-{n}-text": text,
            **({f"corrections-{n}-major": "on"} if major else {}),
        }
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(change_url(live), article_data(live, **rows))
        assert response.status_code == 302, response.context["adminform"].form.errors

    add("Salah ketik pada judul foto", major=False)
    assert len(to(smtp, "guru@example.test")) == 1  # the alert only
    add("Acara dipindah ke 26 Juni", major=True)
    add("Salah ketik lagi", major=False)  # saving again re-announces nothing
    alert, notice = to(smtp, "guru@example.test")
    assert "Acara dipindah ke 26 Juni" in text_of(notice)


def test_each_reader_gets_their_own_links_from_the_one_rendering(client, smtp, publish, settings):
    """The mail is rendered once per language; the address and links are each reader's."""
    odd = subscriber("o'brien&co@example.test", "all")
    plain = subscriber("guru@example.test", "all")
    english = subscriber("teacher@example.test", "all", language="en")
    publish(title="Kelas <daring> & luring")
    mails = {row.email: to(smtp, row.email) for row in (odd, plain, english)}
    assert all(len(found) == 1 for found in mails.values())
    leaves = set()
    for row in (odd, plain, english):
        [mail] = mails[row.email]
        assert mail["Subject"] == "Kelas <daring> & luring"
        assert f"alamat {row.email}" in text_of(mail) or f"address {row.email}" in text_of(mail)
        html = next(p for p in mail.walk() if p.get_content_type() == "text/html")
        html = html.get_payload(decode=True).decode()
        assert "NRSLOT" not in html and "NRSLOT" not in text_of(mail)
        assert "Kelas &lt;daring&gt; &amp; luring" in html
        leave = links_in(mail)["berhenti"]
        assert leave in mail["List-Unsubscribe"] and leave in html
        leaves.add(leave)
    [odd_html] = [p for p in mails[odd.email][0].walk() if p.get_content_type() == "text/html"]
    assert "o&#x27;brien&amp;co@example.test" in odd_html.get_payload(decode=True).decode()
    assert len(leaves) == 3
    # Each link leaves its own reader only.
    assert client.post(links_in(mails[plain.email][0])["berhenti"]).status_code == 200
    assert not plain.subscriptions.exists() and odd.subscriptions.exists()


def test_a_fan_out_in_chunks_alerts_everyone_once(smtp, publish, settings):
    settings.NEWSROOM_SUBSCRIBER_BATCH = 3
    readers = [subscriber(f"guru{n}@example.test", "all") for n in range(8)]
    item = publish()
    alerted = [m["To"] for m in smtp.messages if m["To"].startswith("guru")]
    assert sorted(alerted) == sorted(r.email for r in readers)
    assert SentItem.objects.filter(item_id=item.pk).count() == 8
    # A chunk run again (a rescued task) writes nothing and queues no further chunk.
    assert alerts.fan_out.call("article", item.pk, readers[2].pk) == 0
    assert len([m for m in smtp.messages if m["To"].startswith("guru")]) == 8
