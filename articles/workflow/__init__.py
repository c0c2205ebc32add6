"""The editorial workflow: the only code that changes an item's state.

    draft --submit--> in_review --approve--> approved --publish/schedule--> published
                      in_review --request_changes--> changes_requested --resubmit--> in_review
    published --withdraw--> withdrawn --return_to_draft--> draft

`transitions` runs each step (role, unit, state, four-eyes, row lock, log, e-mail);
`pending` edits live items through draft copies; `revisions` and `diff` keep and compare
what each save said; `share_links` opens an item to readers without an account;
`permissions` says who may edit what in which state; `overview` lists what waits on
whom. Nothing here renders a page or knows the admin: views call these functions and
show their `WorkflowError` messages.

The names below are the package's public face, so callers write `workflow.submit(...)`.
"""

from .actions import TRANSITIONS, WorkflowError, action_label
from .log import history, last_sent_back, log, open_change_request
from .pending import pending_copy, restore, start_pending_copy
from .transitions import (
    apply,
    approve,
    available,
    check,
    content_saved,
    publish,
    request_changes,
    resubmit,
    return_to_draft,
    schedule,
    submit,
    withdraw,
)

__all__ = [
    "TRANSITIONS",
    "WorkflowError",
    "action_label",
    "apply",
    "approve",
    "available",
    "check",
    "content_saved",
    "history",
    "log",
    "open_change_request",
    "last_sent_back",
    "pending_copy",
    "publish",
    "request_changes",
    "restore",
    "resubmit",
    "return_to_draft",
    "schedule",
    "start_pending_copy",
    "submit",
    "withdraw",
]
