"""Who holds which editorial role, and for which work units: the one place that answers
role and unit questions.

Roles are Django groups (created by a data migration). Writers and editors act on
items owned by one of their work units; publishers and superusers act everywhere.
An "item" here is anything with a `unit_id`. Answers are cached on the user object for
the length of a request, so a changelist of fifty rows asks the database once.
"""

from django.contrib.auth.models import Group

from newsroom.statements import Statement

from .models import WorkUnit

WRITER = "Kontributor"
EDITOR = "Redaktur"
PUBLISHER = "Redaktur Pelaksana"
ROLES = (WRITER, EDITOR, PUBLISHER)


# A user's roles, each read once per user object: like Django's own `_perm_cache`, the
# memo lives on the user, so for one request and no longer.
_MEMO = "_unit_roles"


def _remembered(user, name, read):
    memo = getattr(user, _MEMO, None)
    if memo is None:
        memo = {}
        setattr(user, _MEMO, memo)  # through request.user's lazy wrapper, onto the user
    if name not in memo:
        memo[name] = frozenset(read()) if user.is_authenticated else frozenset()
    return memo[name]


# Compiled once (`newsroom.statements`): read on every staff request.
_ROLE_NAMES = Statement(
    lambda user: Group.objects.filter(user=user, name__in=ROLES).values_list("name")
)
_UNIT_IDS = Statement(lambda user: WorkUnit.objects.filter(staff__user=user).values_list("pk"))


def _group_names(user):
    return _remembered(user, "groups", lambda: _first(_ROLE_NAMES.rows(user=user.pk)))


def unit_ids(user):
    """Ids of the work units the user belongs to (empty without a staff profile)."""
    return _remembered(user, "units", lambda: _first(_UNIT_IDS.rows(user=user.pk)))


def _first(rows):
    return [row[0] for row in rows]


def _active_staff(user):
    return user.is_authenticated and user.is_active and user.is_staff


def has_role(user, role):
    if not _active_staff(user):
        return False
    return user.is_superuser or role in _group_names(user)


def is_writer(user):
    return has_role(user, WRITER)


def is_editor(user):
    return has_role(user, EDITOR)


def is_publisher(user):
    return has_role(user, PUBLISHER)


def has_any_role(user, roles=ROLES):
    return any(has_role(user, role) for role in roles)


def acts_everywhere(user):
    return _active_staff(user) and (user.is_superuser or PUBLISHER in _group_names(user))


def in_scope(user, item):
    """The item belongs to one of the user's units, or the user acts everywhere."""
    return acts_everywhere(user) or (
        _active_staff(user) and item.unit_id is not None and item.unit_id in unit_ids(user)
    )


def may_act(user, item, roles):
    """The user holds one of `roles` and the item is within their reach.

    Scope is checked per role: an editor of unit A who is also a publisher acts
    everywhere, but a writer-and-editor of unit A acts only on unit A.
    """
    if not _active_staff(user):
        return False
    if user.is_superuser:
        return True
    names = _group_names(user)
    if PUBLISHER in roles and PUBLISHER in names:
        return True
    return any(role in names for role in roles) and in_scope(user, item)


def scope_queryset(user, queryset):
    """The items a user may see in the admin: their units', or all for publishers."""
    if acts_everywhere(user):
        return queryset
    if not has_any_role(user):
        return queryset.none()
    return queryset.filter(unit_id__in=unit_ids(user))
