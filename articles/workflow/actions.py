"""The workflow's vocabulary: its transitions, the other logged actions, and its refusal.

Data only, so that everything speaking of the workflow (the transitions, e-mails, the
admin, the log's labels) reads one list without importing the code that runs it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from units.roles import EDITOR, PUBLISHER, ROLES

from ..models import Status, audit


class WorkflowError(Exception):
    """A refused transition; `message` is a translatable sentence for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message

    def __str__(self):
        return str(self.message)


def refuse(message, **params):
    raise WorkflowError(message % params if params else message)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    roles: tuple
    needs_comment: bool = False
    needs_time: bool = False


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", _("Ajukan untuk ditinjau"), (Status.DRAFT,), Status.IN_REVIEW, ROLES),
        Transition(
            "request_changes",
            _("Minta perbaikan"),
            (Status.IN_REVIEW,),
            Status.CHANGES_REQUESTED,
            (EDITOR, PUBLISHER),
            needs_comment=True,
        ),
        Transition(
            "resubmit",
            _("Ajukan ulang"),
            (Status.CHANGES_REQUESTED,),
            Status.IN_REVIEW,
            ROLES,
        ),
        Transition(
            "approve", _("Setujui"), (Status.IN_REVIEW,), Status.APPROVED, (EDITOR, PUBLISHER)
        ),
        Transition(
            "publish", _("Terbitkan sekarang"), (Status.APPROVED,), Status.PUBLISHED, (PUBLISHER,)
        ),
        Transition(
            "schedule",
            _("Jadwalkan terbit"),
            (Status.APPROVED,),
            Status.PUBLISHED,
            (PUBLISHER,),
            needs_time=True,
        ),
        Transition(
            "withdraw",
            _("Tarik dari publik"),
            (Status.PUBLISHED,),
            Status.WITHDRAWN,
            (PUBLISHER,),
            needs_comment=True,
        ),
        Transition(
            "return_to_draft",
            _("Kembalikan ke draf"),
            (Status.WITHDRAWN,),
            Status.DRAFT,
            (PUBLISHER,),
        ),
    )
}


OTHER_ACTIONS = {
    "start_pending_copy": _("Salinan tertunda dibuka"),
    "publish_pending_copy": _("Salinan tertunda diterbitkan"),
    "reopen": _("Diubah setelah disetujui; kembali ditinjau"),
    "share_link": _("Tautan pratinjau dibuat"),
    "revoke_share_link": _("Tautan pratinjau dicabut"),
    "add_correction": _("Ralat ditambahkan"),
    "change_correction": _("Ralat diubah"),
    "delete_correction": _("Ralat dihapus"),
    "assign_coverage": _("Liputan ditugaskan"),
}


for _name, _label in [
    *((t.name, t.label) for t in TRANSITIONS.values()),
    *OTHER_ACTIONS.items(),
]:
    audit.register(_name, _label)

action_label = audit.label


SUBMISSIONS = ("submit", "resubmit")
