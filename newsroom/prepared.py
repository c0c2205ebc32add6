"""Queries every staff request runs, compiled to SQL once per process.

Who the user is, which permissions and roles they hold and which units they belong to are
read fresh on every request (a role taken away stops working on the next click), each
by a small query whose SQL never changes, only the user's id in it. Building and
compiling such a query through the ORM cost several times what running it did; here it
is compiled once, with a marker where the id goes, and each request runs that SQL with
its own id. Only for queries whose rows need no conversion from the database (ids,
names); what they return is what the ORM query would.
"""

from django.db import connections

# Never an id: stands for the value while the query is compiled.
MARKER = -7_349_201_856


class Prepared:
    """The rows of `build(value)` (a values_list queryset) for any value."""

    def __init__(self, build):
        self._build = build
        self._compiled = None

    def rows(self, value):
        if self._compiled is None:
            queryset = self._build(MARKER)
            sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
            slots = [n for n, param in enumerate(params) if param == MARKER]
            self._compiled = (queryset.db, sql, tuple(params), slots)
        using, sql, params, slots = self._compiled
        params = list(params)
        for n in slots:
            params[n] = value
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def values(self, value):
        """The first column of each row (a flat values_list)."""
        return [row[0] for row in self.rows(value)]
