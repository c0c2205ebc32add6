"""Double opt-in through a real SMTP server: sign up, read the mail, press the button."""

from datetime import timedelta

import pytest
from django.utils import timezone

from outreach.background import clock
from outreach.background.schedule import JOBS
from outreach.models import Subscriber, Suppression, SuppressionReason
from tests import factories as f

from .conftest import links_in, text_of

pytestmark = pytest.mark.django_db


def test_sign_up_mails_a_confirmation_and_records_consent(smtp, sign_up):
    response = sign_up(scopes=["section:berita", "all"], frequency="daily")

    assert response.status_code == 200
    assert "Periksa e-mail Anda" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "guru@example.test" and not subscriber.confirmed
    assert subscriber.consent_page == "/rubrik/berita/"
    assert "menyimpan alamat e-mail" in subscriber.consent_text
    assert subscriber.consent_at is not None
    assert {(s.kind, s.key) for s in subscriber.subscriptions.all()} == {
        ("section", "berita"),
        ("all", ""),
    }
    [mail] = smtp.messages
    assert mail["To"] == "guru@example.test"
    assert "Rubrik Berita" in text_of(mail)
    assert "Gedung E" in text_of(mail)  # the institution's address
    assert "konfirmasi" in links_in(mail)


def test_the_confirmation_link_changes_nothing_on_get_and_confirms_on_post(client, smtp, sign_up):
    sign_up(email="Guru@Example.test")
    confirm = links_in(smtp.messages[0])["konfirmasi"]

    page = client.get(confirm)
    assert page.status_code == 200 and '<form method="post"' in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    assert not Subscriber.objects.get().confirmed

    done = client.post(confirm)
    assert done.status_code == 200 and "Langganan aktif" in done.content.decode()
    assert Subscriber.objects.get().confirmed

    again = client.post(confirm)  # a replayed link: already active, nothing new
    assert "sudah aktif" in again.content.decode()


def test_forged_and_superseded_links_get_a_clear_page(client, smtp, sign_up):
    assert client.get("/langganan/konfirmasi/bukan-token/").status_code == 400
    sign_up()
    confirm = links_in(smtp.messages[0])["konfirmasi"]
    forged = confirm[:-6] + "AAAAA/"
    assert client.post(forged).status_code == 400
    assert not Subscriber.objects.get().confirmed
    # A second sign-up sends a new link; the first one no longer works.
    sign_up()
    response = client.post(confirm)
    assert response.status_code == 410
    assert "sudah dipakai" in response.content.decode()


def test_an_expired_confirmation_link_is_refused(client, smtp, sign_up, monkeypatch):
    sign_up()
    confirm = links_in(smtp.messages[0])["konfirmasi"]
    later = timezone.now() + timedelta(days=8)
    monkeypatch.setattr("time.time", lambda: later.timestamp())
    response = client.post(confirm)
    assert response.status_code == 410 and "kedaluwarsa" in response.content.decode()


def test_the_same_answer_whether_subscribed_or_not(client, smtp, sign_up):
    first = sign_up()
    client.post(links_in(smtp.messages[0])["konfirmasi"])
    second = sign_up(scopes=["agenda"])

    assert second.status_code == first.status_code == 200
    assert first.content == second.content
    # A subscribed address's choices are not changed by whoever typed it; it gets its link.
    assert {s.kind for s in Subscriber.objects.get().subscriptions.all()} == {"all"}
    assert "kelola" in links_in(smtp.messages[1])


def test_at_most_three_confirmation_mails_per_address_a_day(smtp, sign_up):
    for _ in range(5):
        assert sign_up().status_code == 200
    assert len(smtp.messages) == 3


def test_a_limit_per_client(smtp, sign_up, settings, local_cache):
    # local_cache: with Redis, another xdist worker's flush could wipe the counter midway.
    settings.NEWSROOM_SUBSCRIBE_REQUESTS_PER_CLIENT = 2
    codes = [sign_up(email=f"guru{n}@example.test").status_code for n in range(4)]
    assert codes == [200, 200, 429, 429]
    assert len(smtp.messages) == 2


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "bukan alamat"}, "alamat email"),
        ({"scopes": [f"tag:t{n}" for n in range(1000)]}, "Paling banyak 20"),
        ({"scopes": ["section:tidak-ada"]}, "tidak ada (lagi)"),
        ({"scopes": ["planet:mars"]}, "tidak dikenal"),
        ({"scopes": []}, "sedikitnya satu"),
        ({"consent": ""}, "Centang persetujuan"),
        ({"frequency": "hourly"}, "bukan salah satu"),
    ],
)
def test_bad_input_gets_a_clear_page(smtp, sign_up, data, message):
    response = sign_up(**data)
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert not smtp.messages and not Subscriber.objects.exists()


def test_unconfirmed_sign_ups_are_deleted_after_seven_days(smtp, sign_up):
    sign_up(email="lama@example.test")
    sign_up(email="baru@example.test")
    Subscriber.objects.filter(email="lama@example.test").update(
        consent_at=timezone.now() - timedelta(days=8)
    )
    clock.tick(JOBS, now=timezone.now().replace(hour=19, minute=0))  # 02.00 WIB
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["baru@example.test"]


def test_a_suppressed_address_comes_back_only_by_confirming(client, smtp, sign_up):
    Suppression.add("guru@example.test", SuppressionReason.HARD_BOUNCE)
    sign_up()
    assert Suppression.covers("guru@example.test")  # the confirmation still went out
    client.post(links_in(smtp.messages[0])["konfirmasi"])
    assert not Suppression.covers("guru@example.test")


def test_list_pages_and_the_article_link_to_the_sign_up_with_their_scope(client):
    story = f.press_release_story()
    home = client.get("/").content.decode()
    assert "/langganan/?scope=all" in home and "/langganan/?scope=agenda" in home
    section = client.get("/rubrik/siaran-pers/")
    assert "/langganan/?scope=section%3Asiaran-pers" in section.content.decode()
    assert not section.cookies
    article = client.get(story.article.get_absolute_url()).content.decode()
    assert "/langganan/?scope=section:siaran-pers&amp;scope=unit:" in article
    form = client.get("/langganan/?scope=section:siaran-pers&dari=/rubrik/siaran-pers/")
    html = form.content.decode()
    assert 'value="section:siaran-pers"' in html and "checked" in html
    assert 'value="/rubrik/siaran-pers/"' in html
