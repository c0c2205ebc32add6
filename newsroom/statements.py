"""Querysets compiled once per process, run with each request's values.

On an uncached public page the database's own work for a query is small next to the
ORM's building and compiling of it (`docs/performance.md`). A `Statement` builds its
`values_list()` queryset once per database and shape of its values, with stand-in values
it can find again among the compiled parameters, and from then on binds the request's
values into the same SQL: the query is still the queryset's own (`published()` included),
only not rebuilt.

Every value that changes between calls must be an argument of `build`: a time read inside
it (`timezone.now()`) or the active language would be frozen into the first compilation.
Preparing builds the queryset twice and refuses a parameter that is not a stand-in yet
differs between the two (a time), any datetime that is not a stand-in, and a stand-in
that did not reach the parameters.
"""

import itertools
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
        return 10**15 + number
    if isinstance(value, str):
        return f"\x1fstatement-{name}-{number}\x1f"
    raise StatementError(f"{name}: {type(value).__name__} values are not supported")


# Integers outside what the databases store (signed 64-bit): no key can match one.
_KEYS = range(-(2**63), 2**63)


def _beyond_keys(value):
    items = value if isinstance(value, list | tuple) else (value,)
    return any(isinstance(item, int) and item not in _KEYS for item in items)


class _Prepared:
    """One compilation: its SQL, where each argument goes in its parameters, and how its
    rows become the tuples `values_list()` would give."""

    def __init__(self, queryset, again, stand_ins, using):
        """`again`: the same queryset built a second time, later, from other stand-ins:
        its SQL must be the same text (a value that reached the text, such as a slice,
        would be frozen), and its parameters the same outside the stand-ins' places (a
        time read inside `build` would be)."""
        self.empty = False
        connection = connections[using]
        self.compiler = queryset.query.get_compiler(using)
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet:
            self.empty = True
            return
        sql_later, later = again.query.get_compiler(using).as_sql()
        if sql_later != self.sql:
            raise StatementError("an argument reaches the SQL text, not its parameters")
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
        for position, (param, param_later) in enumerate(zip(params, later, strict=True)):
            if position in slots:
                continue
            if isinstance(param, datetime) or param != param_later:
                # A time read inside `build` (as a datetime, or as the text SQLite is given).
                raise StatementError(f"a time would be frozen at parameter {position}")
        self.params = list(params)
        self.slots = slots
        self.ops = connection.ops

    def run(self, values, using):
        if self.empty or any(_beyond_keys(value) for value in values.values()):
            return []
        params = list(self.params)
        for position, (name, index, adapt) in self.slots.items():
            value = values[name] if index is None else values[name][index]
            params[position] = self.ops.adapt_datetimefield_value(value) if adapt else value
        with connections[using].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        # In the order `values_list()` asked for (Django 5.2 selects them so), converted.
        return [tuple(row) for row in self.compiler.results_iter([rows], tuple_expected=True)]


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
        stand_ins, arguments = _stand_ins(values)
        _others, again = _stand_ins(values)
        return _Prepared(self.build(**arguments), self.build(**again), stand_ins, using)


def _stand_ins(values):
    """({(name, index): stand-in}, the arguments to build with): a list's items by index."""
    stand_ins, arguments = {}, {}
    for name, value in values.items():
        if isinstance(value, list | tuple):
            items = [_stand_in(item, name) for item in value]
            stand_ins.update({(name, index): item for index, item in enumerate(items)})
            arguments[name] = items
        else:
            stand_ins[name, None] = arguments[name] = _stand_in(value, name)
    return stand_ins, arguments
