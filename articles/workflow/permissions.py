"""What a user may do to an item's content in its current state.

Role and unit membership come from `units.roles`; this adds what the workflow state
allows: writers edit until they submit, editors until they approve, publishers until
they publish, and live content only through a pending copy.
"""

from units.roles import (
    EDITOR,
    PUBLISHER,
    ROLES,
    has_any_role,
    is_editor,
    is_publisher,
    is_writer,
    may_act,
)

from ..models import Status


def editable_statuses(user):
    """States in which this user may change an item's content (scope checked apart).

    Editors copy-edit up to their approval; once approved, only the publisher who is
    about to publish may still touch it, so nothing goes out that no editor approved.
    """
    if is_publisher(user):
        return {Status.DRAFT, Status.CHANGES_REQUESTED, Status.IN_REVIEW, Status.APPROVED}
    if is_editor(user):
        return {Status.DRAFT, Status.CHANGES_REQUESTED, Status.IN_REVIEW}
    if is_writer(user):
        return {Status.DRAFT, Status.CHANGES_REQUESTED}
    return set()


def can_edit_content(user, item):
    """May the user save new content into this very row?

    Published originals are never edited in place (the edit becomes a pending
    copy, see `can_revise_live`); withdrawn items go back to draft first.
    """
    if item.pk is None:
        return has_any_role(user)
    if not may_act(user, item, ROLES):
        return False
    if item.copy_of_id is not None:
        if item.status == Status.PUBLISHED:
            return False  # a pending copy already merged into its live item: history only
        if not has_any_role(user, (EDITOR, PUBLISHER)):
            return False  # a copy of published content: editors and publishers only
    return item.status in editable_statuses(user)


def can_revise_live(user, item):
    """May the user start a pending copy of this published item?"""
    return (
        item.pk is not None
        and item.copy_of_id is None
        and item.status == Status.PUBLISHED
        and may_act(user, item, (EDITOR, PUBLISHER))
    )
