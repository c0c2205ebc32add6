"""Who sees which media contacts and lists, and who may distribute a release.

Contacts are a unit's: its staff (any editorial role) see and edit them, publishers and
superusers see all. Every admin page filters its queryset here and checks each object
here, so a colleague of another unit who guesses an id gets nothing.
"""

from units import roles


def sees_all(user):
    return roles.acts_everywhere(user)


def units_of(user):
    return roles.unit_ids(user)


def may_use(user):
    return roles.has_any_role(user)


def owned(user, queryset):
    """The rows of `queryset` (with an `owner_unit`) within the user's reach."""
    if sees_all(user):
        return queryset
    if not may_use(user):
        return queryset.none()
    return queryset.filter(owner_unit_id__in=units_of(user))


def owns(user, obj):
    if obj is None:
        return may_use(user)
    return sees_all(user) or (may_use(user) and obj.owner_unit_id in units_of(user))


def may_distribute(user, article):
    """Editors of the article's unit and publishers send releases (never writers)."""
    return roles.may_act(user, article, (roles.EDITOR, roles.PUBLISHER))
