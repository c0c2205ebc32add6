"""Handing outbox rows to the mail server (SMTP, or a provider's API via django-anymail).

One task per message, or for bulk mail one task per CHUNK messages, each claimed on its
own: a worker killed mid-send loses at most the message it was handing over, which is
sent again with the same Message-ID when the task is rescued; the chunk's rows already
sent are skipped and its rows not yet taken are sent once. A row is claimed with a
conditional UPDATE before the send, so two tasks for one row (a duplicate, a rescue) cannot
both send it while the claim holds.

Failures are sorted: a mail server that is down, slow, or answers 4xx is *transient* (the
row is deferred and retried with growing delays); a 5xx or a refused address is
*permanent* (failed, with the server's reason). After the last delay a transient failure
becomes final too. Every outcome is on the row, so the outbox shows why.
"""

import logging
import smtplib
from datetime import timedelta
from email.utils import formatdate

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import DatabaseError
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from ..models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# Bulk mail: messages per delivery task (fewer queue rows and polls for 50,000 mails), and
# a priority below the default so a reader's confirmation mail or a staff notice waits
# behind no bulk send.
CHUNK = 50
BULK_PRIORITY = -10

DONE = (OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.BOUNCED)


def retry_delays():
    """Seconds to wait after the 1st, 2nd, ... failed attempt; its length bounds attempts."""
    return settings.NEWSROOM_MAIL_RETRY_DELAYS


def lease():
    """How long a claim holds: past it, a row still marked sending was lost with its worker."""
    return timedelta(seconds=settings.NEWSROOM_MAIL_LEASE_SECONDS)


def schedule(pk, at=None):
    """Enqueue delivery of row `pk` (now, or at `at`); the task id is kept on the row."""
    runner = deliver
    if at is not None:
        if not deliver.get_backend().supports_defer:
            return None  # a backend that cannot wait (tests): the sweeper hands it out
        runner = deliver.using(run_after=at)
    result = runner.enqueue(pk)
    OutboxMessage.objects.filter(
        pk=pk, status__in=[OutboxStatus.QUEUED, OutboxStatus.DEFERRED]
    ).update(claimed_by=str(result.id)[:64])
    return result


def schedule_many(pks):
    """Enqueue bulk delivery of rows `pks`, CHUNK rows per task."""
    for start in range(0, len(pks), CHUNK):
        part = list(pks[start : start + CHUNK])
        result = deliver_many.enqueue(part)
        OutboxMessage.objects.filter(
            pk__in=part, status__in=[OutboxStatus.QUEUED, OutboxStatus.DEFERRED]
        ).update(claimed_by=str(result.id)[:64])


def classify(error):
    """("transient" | "permanent", reason) for an exception raised by a send."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        reason = "; ".join(f"{code} {msg!r}" for code, msg in error.recipients.values())
        return ("permanent" if codes and min(codes) >= 500 else "transient"), reason
    if isinstance(error, smtplib.SMTPResponseException):
        reason = f"{error.smtp_code} {error.smtp_error!r}"
        return ("permanent" if error.smtp_code >= 500 else "transient"), reason
    status = getattr(error, "status_code", None)  # anymail's API errors
    if type(error).__name__ == "AnymailRecipientsRefused":
        return "permanent", str(error)[:500]
    if status is not None and 400 <= status < 500 and status != 429:
        return "permanent", f"HTTP {status}: {str(error)[:500]}"
    # Refused connections, timeouts, dropped connections, 429/5xx from an API, and what
    # we cannot recognise: worth another try; the last delay ends it anyway.
    return "transient", f"{type(error).__name__}: {str(error)[:500]}"


def build(message):
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={
            "Message-ID": message.message_id,
            "Date": formatdate(localtime=False),
            "Auto-Submitted": "auto-generated",
            **message.headers,
        },
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    return email


def _claim(pk, task_id, now):
    """Take row `pk` for this task; False when it is done, not due, or held by another."""
    due = Q(status__in=[OutboxStatus.QUEUED, OutboxStatus.DEFERRED], next_attempt_at__lte=now)
    lost = Q(status=OutboxStatus.SENDING, claimed_at__lt=now - lease())
    # A rescued task finds its own claim: its worker died holding it.
    mine = Q(status=OutboxStatus.SENDING, claimed_by=task_id) if task_id else Q(pk__in=[])
    return bool(
        OutboxMessage.objects.filter(Q(pk=pk) & (due | lost | mine)).update(
            status=OutboxStatus.SENDING,
            claimed_by=task_id,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
    )


def send(pk, task_id=""):
    """Hand row `pk` over once; what happened, as a short word for the task's result."""
    now = timezone.now()
    if not _claim(pk, task_id, now):
        return "skipped"
    message = OutboxMessage.objects.get(pk=pk)
    email = build(message)
    try:
        _hand_over(email)
    except Exception as error:  # noqa: BLE001 - sorted and recorded, never swallowed
        _kept.close()
        return _failed(message, error)
    provider = getattr(getattr(email, "anymail_status", None), "message_id", None)
    OutboxMessage.objects.filter(pk=pk).update(
        status=OutboxStatus.SENT,
        sent_at=timezone.now(),
        last_error="",
        provider_id=str(provider or "")[:255],
    )
    return "sent"


class _KeptConnection:
    """One open connection to the mail server per worker process, reused across tasks.

    Opening an SMTP session (greeting, EHLO, maybe TLS and AUTH) costs more than sending
    one message; a worker sending a batch keeps it. A server that dropped an idle session
    is reconnected once, before anything was sent; any other error closes it.
    """

    def __init__(self):
        self.connection = None
        self.backend = None

    def get(self):
        where = (settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)
        if self.connection is None or self.backend != where:
            self.close()
            self.connection = get_connection(fail_silently=False)
            self.backend = where
            self.connection.open()
        return self.connection

    def close(self):
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # noqa: BLE001 - closing a broken session
                logger.debug("closing the mail connection failed", exc_info=True)
        self.connection = None


_kept = _KeptConnection()


def _hand_over(email):
    email.connection = _kept.get()
    try:
        email.send()
    except smtplib.SMTPServerDisconnected:
        # The kept session went stale while idle: nothing was accepted, try a fresh one.
        _kept.close()
        email.connection = _kept.get()
        email.send()


def _failed(message, error):
    kind, reason = classify(error)
    delays = retry_delays()
    final = kind == "permanent" or message.attempts > len(delays)
    if final:
        logger.error(
            "mail %s to %s failed for good after %s attempt(s): %s",
            message.pk, message.recipient, message.attempts, reason,
        )  # fmt: skip
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxStatus.FAILED, last_error=reason
        )
        return "failed"
    at = timezone.now() + timedelta(seconds=delays[message.attempts - 1])
    logger.warning("mail %s deferred until %s: %s", message.pk, at.isoformat(), reason)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.DEFERRED, last_error=reason, next_attempt_at=at
    )
    schedule(message.pk, at=at)
    return "deferred"


@task(takes_context=True)
def deliver(context, pk):
    try:
        return send(pk, task_id=str(context.task_result.id)[:64])
    except DatabaseError:
        # The database went away between claim and record: the row stays claimed and
        # the sweeper hands it out again once the claim lapses.
        logger.warning("mail %s: database unavailable mid-delivery", pk, exc_info=True)
        raise


@task(takes_context=True, priority=BULK_PRIORITY)
def deliver_many(context, pks):
    """Hand over bulk rows one by one; {outcome: count}."""
    task_id = str(context.task_result.id)[:64]
    outcomes = {}
    for pk in pks:
        try:
            outcome = send(pk, task_id=task_id)
        except DatabaseError:
            logger.warning("mail %s: database unavailable mid-delivery", pk, exc_info=True)
            raise
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def resend(message):
    """Queue a failed or bounced row again (staff's "resend"): attempts start over."""
    OutboxMessage.objects.filter(pk=message.pk, status__in=DONE).exclude(
        status=OutboxStatus.SENT
    ).update(status=OutboxStatus.QUEUED, attempts=0, next_attempt_at=timezone.now())
    return schedule(message.pk)


def sweep(limit=1000):
    """Re-enqueue rows whose task was lost: due or lapsed, and no live task holds them."""
    now = timezone.now()
    stale = OutboxMessage.objects.filter(
        Q(status__in=[OutboxStatus.QUEUED, OutboxStatus.DEFERRED], next_attempt_at__lte=now)
        | Q(status=OutboxStatus.SENDING, claimed_at__lt=now - lease())
    ).values_list("pk", "claimed_by")[:limit]
    rows = list(stale)
    alive = set(
        DBTaskResult.objects.filter(
            id__in=[claimed for _pk, claimed in rows if _is_uuid(claimed)],
            status__in=["READY", "RUNNING"],
        ).values_list("id", flat=True)
    )
    alive = {str(value) for value in alive}
    count = 0
    for pk, claimed in rows:
        if claimed not in alive:
            schedule(pk)
            count += 1
    return count


def _is_uuid(text):
    return len(text or "") == 36 and text.count("-") == 4
