"""The one place where demo items get their workflow state."""

from dataclasses import dataclass

from django.utils import timezone

from .. import workflow
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


def advance(item, target, *, writer, editor, publisher, at=None):
    """Walk a freshly created draft `item` to `target` through `articles.workflow`.

    Each step is the real transition, so the demo obeys the same role, unit and
    four-eyes rules as staff and leaves a transition log behind. `at` is the publish
    time for `published` and `withdrawn`: a future one schedules; a past one is history
    the workflow cannot make (it publishes "now"), so the times are set back afterwards.
    Items that are not drafts are left alone: their state belongs to whoever moved them.
    """
    if item.status != Status.DRAFT or target == Status.DRAFT:
        return item
    actors = {"writer": writer, "editor": editor, "publisher": publisher}
    for step in PATHS[target]:
        _perform(item, step, actors[step.actor], at)
    if at is not None and at <= timezone.now() and item.publish_at is not None:
        type(item).objects.filter(pk=item.pk).update(publish_at=at, first_published_at=at)
        item.publish_at = item.first_published_at = at
    return item


def _perform(item, step, actor, at):
    action = getattr(workflow, step.action)
    if step.action == "publish":
        action(item, actor, at=at, comment=step.comment)
    elif step.action in ("request_changes", "withdraw"):
        action(item, actor, step.comment)
    else:
        action(item, actor, comment=step.comment)
