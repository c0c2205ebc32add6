"""The one place where demo items get their workflow state."""

from dataclasses import dataclass

from django.utils import timezone

from ..models import Status


@dataclass(frozen=True)
class Step:
    """One transition of `articles.workflow`: its function name and who performs it."""

    action: str
    actor: str  # "writer", "editor" or "publisher"
    comment: str = ""


# The path from draft to each state, as the workflow walks it.
PATHS = {
    Status.DRAFT: [],
    Status.IN_REVIEW: [Step("submit", "writer")],
    Status.CHANGES_REQUESTED: [
        Step("submit", "writer"),
        Step("request_changes", "editor", "Mohon lengkapi data dan periksa kembali ejaan."),
    ],
    Status.APPROVED: [Step("submit", "writer"), Step("approve", "editor")],
    Status.PUBLISHED: [
        Step("submit", "writer"),
        Step("approve", "editor"),
        Step("publish", "publisher"),
    ],
    Status.WITHDRAWN: [
        Step("submit", "writer"),
        Step("approve", "editor"),
        Step("publish", "publisher"),
        Step("withdraw", "publisher", "Jadwal kegiatan berubah; informasi ini tidak berlaku lagi."),
    ],
}

_RESULT = {
    "submit": Status.IN_REVIEW,
    "request_changes": Status.CHANGES_REQUESTED,
    "approve": Status.APPROVED,
    "publish": Status.PUBLISHED,
    "withdraw": Status.WITHDRAWN,
}


def advance(item, target, *, writer, editor, publisher, at=None):
    """Walk a freshly created draft `item` to `target`, step by step along `PATHS`.

    `at` is the publish time for `published` and `withdrawn` (past for live news, future
    for a scheduled item; now when omitted).

    For now each step sets status, submitted_by, publish_at and first_published_at
    directly, because `articles.workflow` is being written in parallel. Once it is
    merged, `_perform` is to be routed through it, one call per step:
    submit(item, actor, comment=""), request_changes(item, actor, comment),
    approve(item, actor, comment=""), publish(item, actor, at=None, comment=""),
    withdraw(item, actor, reason) – so the demo also writes the transition log.
    Items that are not drafts are left alone: their state belongs to whoever moved them.
    """
    if item.status != Status.DRAFT or target == Status.DRAFT:
        return item
    actors = {"writer": writer, "editor": editor, "publisher": publisher}
    for step in PATHS[target]:
        _perform(item, step, actors[step.actor], at)
    return item


def _perform(item, step, actor, at):
    """Direct stand-in for `getattr(articles.workflow, step.action)(item, actor, ...)`."""
    if step.action == "submit":
        item.submitted_by = actor
    elif step.action == "publish":
        now = timezone.now()
        item.publish_at = at or now
        item.first_published_at = item.publish_at if item.publish_at <= now else None
    item.status = _RESULT[step.action]
    item.updated_by = actor
    item.save(
        update_fields=[
            "status", "submitted_by", "publish_at", "first_published_at", "updated_by",
            "updated_at",
        ]
    )  # fmt: skip
