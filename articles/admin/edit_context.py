"""What one admin request learns on its way through the admin's hooks, carried openly.

Django's `ModelAdmin` runs a save through a chain of hooks (`change_view`, `get_form`,
`save_model`, `save_related`, `response_change`) that pass no argument from an early hook
to a later one. Instead of each hook leaving an attribute of its own on the request, they
share one `EditContext`: its fields are every such fact, named and documented here, and
it lives exactly as long as the request.
"""

from dataclasses import dataclass, field


@dataclass
class EditContext:
    # A submission asked for while the form held unsaved edits: the form is saved first,
    # then `response_change` runs it. (transition name, the action form's cleaned data)
    then: tuple | None = None
    # Why a workflow action was not run; the change form shows it above the fields.
    refusal: str | None = None
    # The pending copy a save of a live item was written to (the live row is untouched).
    pending_copy: object = None
    # A shared thing (speaker, partner, picture) as it read before this save, for its log.
    shared_before: dict = field(default_factory=dict)
    # Per model: does any item within the user's reach have an open pending copy? Asked
    # once; the changelist asks for its columns more than once.
    pending_in_reach: dict = field(default_factory=dict)


def edit_context(request):
    """The request's `EditContext`, made on first use."""
    context = request.__dict__.get("edit_context")
    if context is None:
        context = request.__dict__["edit_context"] = EditContext()
    return context
