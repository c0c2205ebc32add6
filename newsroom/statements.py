"""Querysets compiled once per process, run with each request's values.

On an uncached public page the database's own work for a query is small next to the
ORM's building and compiling of it (`docs/performance.md`). A `Statement` builds its
`values_list()` queryset once per database and shape of its values, with stand-in values
it can find again among the compiled parameters, and from then on binds the request's
values into the same SQL: the query is still the queryset's own (`published()` included),
only not rebuilt.

Every value that changes between calls must be an argument of `build`: a time read inside
it (`timezone.now()`) or the active language would be frozen into the first compilation.
Preparing refuses a compiled datetime parameter that is not a stand-in, and a stand-in
that did not reach the parameters.
"""

import itertools
import operator
from datetime import UTC, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections

_numbers = itertools.count(1)


class StatementError(Exception):
    """A queryset that cannot be compiled once: it reads a value that is not an argument."""


def _stand_in(value, name):
    number = next(_numbers)
    if isinstance(value, bool):
        raise StatementError(f"{name}: a bool cannot be told from other parameters")
    if isinstance(value, datetime):
        return datetime(1901, 1, 1, tzinfo=UTC) + timedelta(seconds=number)
    if isinstance(value, int):
        return -(10**15) - number
    if isinstance(value, str):
        return f"\x1fstatement-{name}-{number}\x1f"
    raise StatementError(f"{name}: {type(value).__name__} values are not supported")


class _Prepared:
    """One compilation: its SQL, where each argument goes in its parameters, and how its
    rows become the tuples `values_list()` would give."""

    def __init__(self, queryset, stand_ins, using):
        self.empty = False
        connection = connections[using]
        self.compiler = queryset.query.get_compiler(using)
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet:
            self.empty = True
            return
        slots = {}
        for (name, index), stand_in in stand_ins.items():
            forms = {stand_in}
            if isinstance(stand_in, datetime):
                forms.add(connection.ops.adapt_datetimefield_value(stand_in))
            for position, param in enumerate(params):
                if param in forms:
                    adapt = param is not stand_in and isinstance(stand_in, datetime)
                    slots[position] = (name, index, adapt)
            if not any(slot[:2] == (name, index) for slot in slots.values()):
                raise StatementError(f"{name} does not reach the compiled query")
        for position, param in enumerate(params):
            if position not in slots and isinstance(param, datetime):
                raise StatementError(f"a time would be frozen at parameter {position}")
        self.params = list(params)
        self.slots = slots
        self.ops = connection.ops
        query = queryset.query
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        asked = list(queryset._fields)
        fields = [*asked, *(name for name in query.annotation_select if name not in asked)]
        self.reorder = None
        if fields != names:
            index = {name: position for position, name in enumerate(names)}
            picks = [index[field] for field in fields]
            pick = operator.itemgetter(*picks)
            self.reorder = pick if len(picks) > 1 else lambda row: (pick(row),)

    def run(self, values, using):
        if self.empty:
            return []
        params = list(self.params)
        for position, (name, index, adapt) in self.slots.items():
            value = values[name] if index is None else values[name][index]
            params[position] = self.ops.adapt_datetimefield_value(value) if adapt else value
        with connections[using].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        rows = self.compiler.results_iter(results=[rows], tuple_expected=True)
        if self.reorder is None:
            return [tuple(row) for row in rows]
        return [tuple(self.reorder(row)) for row in rows]


class Statement:
    """`build(**values)` -> a `values_list()` queryset; `rows(**values)` -> its tuples."""

    def __init__(self, build):
        self.build = build
        self._prepared = {}

    def rows(self, using=DEFAULT_DB_ALIAS, **values):
        shape = tuple(
            (name, len(value) if isinstance(value, list | tuple) else None)
            for name, value in sorted(values.items())
        )
        prepared = self._prepared.get((using, shape))
        if prepared is None:
            prepared = self._prepared[using, shape] = self._prepare(using, values)
        return prepared.run(values, using)

    def _prepare(self, using, values):
        stand_ins, arguments = {}, {}
        for name, value in values.items():
            if isinstance(value, list | tuple):
                items = [_stand_in(item, name) for item in value]
                stand_ins.update({(name, index): item for index, item in enumerate(items)})
                arguments[name] = items
            else:
                stand_ins[name, None] = arguments[name] = _stand_in(value, name)
        return _Prepared(self.build(**arguments), stand_ins, using)
