"""Distributing an article to journalists: the checks, the record, and the mails.

The rule for an embargo (docs/press.md): an embargo is a scheduled publication the press
learns of first. Sending "now under embargo until T" therefore needs the article
scheduled for a time no earlier than T:
- an approved article is scheduled for T here, through `workflow.schedule`, which only a
  publisher may do (the workflow refuses anyone else);
- an editor distributes under embargo only an article a publisher already scheduled,
  with T no later than its publication time.
Only the approved version leaves the building: the article must be approved and
unchanged since (four-eyes), or already scheduled or live (both passed through approval).
A release "with publication" waits for the article's PUBLISHED event (`listeners`).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Status, freshness, page_keys
from articles.workflow import WorkflowError
from articles.workflow import schedule as schedule_item
from newsroom.dates import format_when
from units import roles

from ..models import Release, ReleaseMode
from . import scope, sending


class DistributionRefused(Exception):
    """Nothing was recorded or sent; the message says why, fit to show the user."""


def _refuse(message):
    raise DistributionRefused(message)


def _approved_as_is(article):
    return article.approved_version is None or article.approved_version == article.version


def check(article, user, mode, embargo_until, now=None):
    """Raise DistributionRefused unless `user` may send `article` this way now."""
    now = now or timezone.now()
    if not scope.may_distribute(user, article):
        _refuse(_("Hanya redaktur unit pemilik berita atau redaktur pelaksana yang dapat "
                  "menyebarkan siaran pers."))  # fmt: skip
    if article.copy_of_id is not None:
        _refuse(_("Salinan tertunda tidak dapat disebarkan; sebarkan berita aslinya."))
    if article.status == Status.APPROVED:
        if not _approved_as_is(article):
            _refuse(_("Berita ini diubah setelah disetujui; setujui ulang sebelum disebarkan."))
    elif article.status != Status.PUBLISHED:
        _refuse(_("Hanya berita yang sudah disetujui, dijadwalkan, atau terbit yang dapat "
                  "disebarkan."))  # fmt: skip
    if mode != ReleaseMode.EMBARGO:
        return
    if embargo_until is None:
        _refuse(_("Isi waktu berakhirnya embargo (WIB)."))
    if embargo_until <= now:
        _refuse(_("Waktu embargo %(when)s sudah lewat; pilih waktu yang akan datang.")
                % {"when": format_when(embargo_until)})  # fmt: skip
    if article.status == Status.PUBLISHED:
        if article.publish_at is None or article.publish_at <= now:
            _refuse(_("Berita ini sudah terbit untuk publik; embargo tidak lagi berarti. "
                      "Pilih “kirim saat terbit” untuk mengirimnya sekarang."))  # fmt: skip
        if embargo_until > article.publish_at:
            _refuse(
                _("Waktu embargo %(when)s melewati jadwal terbit %(publish)s; embargo "
                  "berakhir paling lambat saat berita terbit.")
                % {"when": format_when(embargo_until), "publish": format_when(article.publish_at)}
            )  # fmt: skip
    elif not roles.may_act(user, article, (roles.PUBLISHER,)):
        _refuse(_("Berita ini belum dijadwalkan. Embargo berarti jadwal terbit: mintalah "
                  "redaktur pelaksana menjadwalkannya, atau kirim saat terbit."))  # fmt: skip


def distribute(article, user, *, lists, mode, embargo_until=None, note="", contact=None):
    """Record a release and, when it goes now, queue its mails after commit.

    `contact` is (name, e-mail, phone) of the person journalists ask. Returns the Release.
    """
    name, email, phone = contact or ("", "", "")
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        check(locked, user, mode, embargo_until)
        if mode == ReleaseMode.EMBARGO and locked.status == Status.APPROVED:
            try:
                schedule_item(locked, user, at=embargo_until)
            except WorkflowError as error:
                raise DistributionRefused(error.message) from error
        release = Release.objects.create(
            article=locked,
            mode=mode,
            embargo_until=embargo_until if mode == ReleaseMode.EMBARGO else None,
            note=note,
            contact_name=name,
            contact_email=email,
            contact_phone=phone,
            created_by=user,
        )
        release.lists.set(lists)
        goes_now = (
            mode == ReleaseMode.EMBARGO or Article.objects.published().filter(pk=locked.pk).exists()
        )
        if goes_now:
            sending.send_after_commit(release)
        if mode != ReleaseMode.EMBARGO and goes_now:
            # The live page now carries a press kit: stored copies of it are stale.
            freshness.move(page_keys.of_item(locked))
    return release
