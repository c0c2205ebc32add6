"""A release under embargo: journalists get it now through the real SMTP server, with a
personal link to the embargoed page; the public sees nothing until the lift, then the same
link leads to the public page."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Status
from articles.workflow import events
from outreach.models import LinkView, ReleaseMode, ReleaseRecipient, Suppression
from outreach.press import distribution, links

from .conftest import approved_article, lift

pytestmark = pytest.mark.django_db


def wib(hour, minute=0, days=2):
    when = timezone.localtime(timezone.now() + timedelta(days=days))
    return when.replace(hour=hour, minute=minute, second=0, microsecond=0)


def send_embargoed(team, press, capture, at=None, user=None):
    item = approved_article(team)
    at = at or wib(10)
    with capture(execute=True):
        release = distribution.distribute(
            item,
            user or team["publisher"],
            lists=[press["list"]],
            mode=ReleaseMode.EMBARGO,
            embargo_until=at,
            note="Mohon dimuat setelah embargo.",
            contact=("Rani Astuti", "rani@kemdikbud.test", "0812-0000-1111"),
        )
    item.refresh_from_db()
    return item, release


def press_mail(smtp):
    """What reached the journalists (staff hear of the scheduling too, at example.test)."""
    return [m for m in smtp.messages if not m["To"].endswith("@example.test")]


def personal_link(message):
    text = message.get_payload()[0].get_payload(decode=True).decode()
    return re.search(r"https?://\S+/pers/\S+/", text).group(0), text


def test_each_journalist_gets_the_release_now_with_the_embargo_line_and_a_personal_link(
    team, press, smtp, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://humas.example.go.id"
    at = timezone.make_aware(timezone.datetime(2099, 6, 25, 10, 0), timezone.get_current_timezone())
    item, release = send_embargoed(team, press, django_capture_on_commit_callbacks, at=at)
    assert item.status == Status.PUBLISHED and item.publish_at == at  # scheduled for the lift
    assert sorted(m["To"] for m in press_mail(smtp)) == sorted(c.email for c in press["contacts"])
    sari = next(m for m in press_mail(smtp) if m["To"] == "sari@harian.test")
    link, text = personal_link(sari)
    assert "EMBARGO: tidak untuk disiarkan sebelum Kamis, 25 Juni 2099 pukul 10.00 WIB" in text
    assert sari["Subject"].startswith("[EMBARGO]")
    assert "Empat puluh tiga peserta mengikuti kelas daring." in text
    assert "Mohon dimuat setelah embargo." in text
    assert "Rani Astuti, rani@kemdikbud.test, 0812-0000-1111" in text
    assert "Harian Kota tercatat sebagai kontak media" in text  # why they get it
    assert sari["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = " ".join(sari["List-Unsubscribe"].split())
    assert re.fullmatch(
        r"<https://humas\.example\.go\.id/pers/\S+/berhenti/>, <mailto:\S+>", unsubscribe
    )
    jane = next(m for m in press_mail(smtp) if m["To"] == "jane@wire.test")
    _link, english = personal_link(jane)
    assert "EMBARGO: not for broadcast before Thursday, 25 June 2099 at 10.00 WIB" in english
    tokens = set(ReleaseRecipient.objects.values_list("token", flat=True))
    assert len(tokens) == 3  # one link per journalist


def test_the_personal_link_opens_the_embargoed_page_and_after_the_lift_the_public_one(
    team, press, smtp, client, django_capture_on_commit_callbacks
):
    item, release = send_embargoed(team, press, django_capture_on_commit_callbacks)
    link, _text = personal_link(press_mail(smtp)[0])
    path = link.split("//", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200
    assert b"EMBARGO: tidak untuk disiarkan sebelum" in page.content
    assert b"Kelas daring pengelolaan media sosial" in page.content
    assert "no-store" in page["Cache-Control"] and "noindex" in page["X-Robots-Tag"]
    assert b'name="robots" content="noindex' in page.content
    # The public meanwhile: the article's own address is a missing page.
    assert client.get(item.get_absolute_url()).status_code == 404
    assert LinkView.objects.filter(embargoed=True).count() == 1

    lift(item)
    with django_capture_on_commit_callbacks(execute=True):
        events.dispatch_due()
    after = client.get("/" + path)
    assert after.status_code == 302 and after["Location"] == (
        f"{item.get_absolute_url()}?utm_source=press&utm_medium=email&utm_campaign={item.slug}"
    )
    assert client.get(item.get_absolute_url()).status_code == 200
    recipient = ReleaseRecipient.objects.get(email=press_mail(smtp)[0]["To"])
    assert recipient.views == 2 and recipient.first_viewed_at is not None
    assert list(recipient.link_views.values_list("embargoed", flat=True)) == [False, True]


def test_a_forged_or_revoked_link_is_a_missing_page(
    team, press, smtp, client, django_capture_on_commit_callbacks
):
    send_embargoed(team, press, django_capture_on_commit_callbacks)
    recipient = ReleaseRecipient.objects.first()
    good = reverse("press:personal", args=[links.signed(recipient.token)])
    assert client.get(good).status_code == 200
    forged = reverse("press:personal", args=[links.signed(recipient.token)[:-3] + "abc"])
    assert client.get(forged).status_code == 404
    unknown = reverse("press:personal", args=[links.signed("tidak-ada")])
    assert client.get(unknown).status_code == 404
    recipient.revoked_at = timezone.now()
    recipient.save()
    assert client.get(good).status_code == 404


@pytest.mark.parametrize("when", ["past", "after_schedule"])
def test_an_embargo_in_the_past_or_after_the_publication_is_refused(team, press, when):
    item = approved_article(team)
    if when == "after_schedule":
        from articles import workflow

        workflow.schedule(item, team["publisher"], timezone.now() + timedelta(hours=3))
        item.refresh_from_db()
        at, expected = timezone.now() + timedelta(hours=5), "melewati jadwal terbit"
    else:
        at, expected = timezone.now() - timedelta(minutes=1), "sudah lewat"
    with pytest.raises(distribution.DistributionRefused, match=expected):
        distribution.distribute(
            item, team["editor"], lists=[press["list"]], mode=ReleaseMode.EMBARGO,
            embargo_until=at, contact=("A", "a@b.test", ""),
        )  # fmt: skip
    assert not ReleaseRecipient.objects.exists()


def test_an_editor_cannot_embargo_an_unscheduled_article_nor_a_writer_distribute(team, press):
    item = approved_article(team)
    for user, expected in ((team["editor"], "belum dijadwalkan"), (team["writer"], "Hanya")):
        with pytest.raises(distribution.DistributionRefused, match=expected):
            distribution.distribute(
                item, user, lists=[press["list"]], mode=ReleaseMode.EMBARGO,
                embargo_until=timezone.now() + timedelta(hours=2), contact=("A", "a@b.test", ""),
            )  # fmt: skip
    item.refresh_from_db()
    assert item.status == Status.APPROVED


def test_a_version_changed_after_approval_is_not_distributed(team, press):
    item = approved_article(team)
    Article.objects.filter(pk=item.pk).update(version=item.version + 1)
    item.refresh_from_db()
    with pytest.raises(distribution.DistributionRefused, match="setujui ulang"):
        distribution.distribute(
            item, team["publisher"], lists=[press["list"]], mode=ReleaseMode.WITH_PUBLICATION,
            contact=("A", "a@b.test", ""),
        )  # fmt: skip


def test_with_publication_waits_for_the_publication_and_skips_suppressed_addresses(
    team, press, smtp, django_capture_on_commit_callbacks
):
    from articles import workflow

    Suppression.add("tono@radio.test", "hard_bounce", "550 no such user")
    item = approved_article(team)
    with django_capture_on_commit_callbacks(execute=True):
        distribution.distribute(
            item, team["editor"], lists=[press["list"]], mode=ReleaseMode.WITH_PUBLICATION,
            contact=("A", "a@b.test", ""),
        )  # fmt: skip
    assert press_mail(smtp) == []
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(item, team["publisher"])
    with django_capture_on_commit_callbacks(execute=True):
        events.dispatch_due()
    assert sorted(m["To"] for m in press_mail(smtp)) == ["jane@wire.test", "sari@harian.test"]
    assert not any(b"EMBARGO" in m.as_bytes() for m in press_mail(smtp))
    assert ReleaseRecipient.objects.get(email="tono@radio.test").suppressed
