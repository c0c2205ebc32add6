"""Deep pages of long lists read their keys first, then the rows shown.

Page 2,000 of a public section skips 24,000 entries, page 1,500 of the admin's list of
100,000 articles 75,000. Read whole, every skipped entry is a wide row fetched and thrown
away; reading only the keys lets the database walk the list's index alone (an index-only
scan), then fetch by key the rows shown. The cost of a deep page then grows with the
keys skipped, not with the width of the rows (docs/performance.md).
"""

from django.core.paginator import Paginator


class KeysFirstPaginator(Paginator):
    """Django's paginator; from row `keys_from` on, a page is read keys first.

    Reading keys first is one query more than reading the page: where the first pages
    are what people open, they are left to one query.
    """

    keys_from = 0

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < self.keys_from:
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count  # the last page takes the orphans, as in Django's
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)} if keys else {}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)
