"""The list's work-unit filter offers the units whose items the list can hold.

An editor or writer sees only their own units' items, yet Django's filter offered every
unit of the institution (seventeen in the demo): each choice but theirs listed
nothing, and the sidebar spent a link and a query string on each. Staff who act
everywhere still get every unit; staff of one unit get no filter at all (Django leaves
out a filter with a single choice, which would list what the page already shows).
"""

from django.contrib import admin

from units import roles


class UnitsInReachFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        if roles.acts_everywhere(request.user):
            return field.get_choices(include_blank=False, ordering=ordering)
        units = roles.unit_ids(request.user)
        if len(units) < 2:
            return []  # what the page lists already: no filter, and no query for it
        return field.get_choices(
            include_blank=False, ordering=ordering, limit_choices_to={"pk__in": units}
        )

    def has_output(self):
        """Shown, and applied, whenever the address names a unit: Django applies only the
        filters it shows, so a colleague's link to another unit's list would otherwise
        show one's own unit's items under that unit's address."""
        chosen = self.lookup_val is not None or self.lookup_val_isnull is not None
        return chosen or super().has_output()
