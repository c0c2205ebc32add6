"""What the press hears from the workflow: publications, withdrawals, major corrections.

- PUBLISHED: releases waiting "with publication" go out (a task each).
- WITHDRAWN, or CORRECTED with data {"major": True}: everyone who was sent the release
  gets a notice (a task: the audience may be thousands).
Receivers run inside the event's dispatch transaction, so they only enqueue.
"""

from django.db import transaction
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from articles.models import Article, DomainEvent, TransitionLog
from articles.workflow import events
from newsroom.dates import tanggal_jam

from ..mail import outbox
from ..models import Release, ReleaseMode, ReleaseRecipient
from . import links, sending


@receiver(events.domain_event)
def press_hears(sender, event, item, **kwargs):
    if not isinstance(item, Article):
        return
    if sender == events.PUBLISHED:
        waiting = Release.objects.filter(
            article=item, mode=ReleaseMode.WITH_PUBLICATION, sent_at__isnull=True
        ).values_list("pk", flat=True)
        for pk in waiting:
            transaction.on_commit(lambda pk=pk: sending.send_release.enqueue(pk))
    elif _notice_worthy(sender, event) and sent_to(item).exists():
        transaction.on_commit(lambda: send_notices.enqueue(event.pk))


def _notice_worthy(kind, event):
    return kind == events.WITHDRAWN or (kind == events.CORRECTED and event.data.get("major"))


def sent_to(article):
    return ReleaseRecipient.objects.filter(
        release__article=article, message__isnull=False
    ).select_related("release")


def _notice_context(event, article, language):
    """The withdrawal's reason, or the newest correction's text, in `language`."""
    withdrawn = event.kind == events.WITHDRAWN
    with translation.override(language):
        if withdrawn:
            entry = TransitionLog.objects.filter(pk=event.data.get("log")).first()
            headline = _("Siaran pers ditarik: %(title)s")
            reason = entry.comment if entry else ""
        else:
            correction = article.corrections.order_by("-noted_at", "-pk").first()
            headline = _("Ralat penting: %(title)s")
            reason = correction.text if correction else ""
        return {
            "withdrawn": withdrawn,
            "headline": headline % {"title": article.title},
            "reason": reason,
            "when": tanggal_jam(event.created_at),
            "title": article.title,
        }


@task()
def send_notices(event_id):
    """A notice of a withdrawal or a major correction to every recipient of the article."""
    event = DomainEvent.objects.filter(pk=event_id).first()
    article = Article.objects.filter(pk=event.object_id).first() if event else None
    if article is None:
        return 0
    contexts = {}
    queued = 0
    for recipient in sent_to(article):
        language = recipient.language
        if language not in contexts:
            contexts[language] = _notice_context(event, article, language)
        message = outbox.queue(
            kind="press_notice",
            key=f"press-notice:{event.pk}:{recipient.pk}",
            to=recipient.email,
            template="press_notice",
            context={
                **contexts[language],
                "name": recipient.name,
                "personal_url": links.personal_url(recipient),
            },
            language=language,
            headers=sending.unsubscribe_headers(recipient),
            bulk=True,
        )
        queued += message is not None
    return queued
