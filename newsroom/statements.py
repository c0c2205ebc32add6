"""Querysets compiled once per process, run with each request's values.

On an uncached public page or a staff request the database's own work for a query is
small next to the ORM's building and compiling of it (docs/performance.md). A `Prepared`
statement is a queryset compiled once with stand-ins where the request's values go (the
time `published()` compares with, a slug, a user's key, a reader's words); running it puts
each request's values where the stand-ins went. The queryset stays the definition: built
by the same code, through `published()`, and a statement refuses to exist if a stand-in
did not reach its parameters, so it can never run with one left in place.

`Statement` builds them from a function of the values, one per shape of the values (a
list's length), and checks the function froze nothing: it builds twice from different
stand-ins and refuses a value that reached the SQL text (a slice) or a parameter that is
no stand-in yet differs between the two builds (a time read inside the function).

On PostgreSQL a statement is also prepared on the server, once per connection: planning
a query of a few joins costs the database several times what running it does, and a
statement's plan is the same for every request.
"""

import itertools
import logging
import re
import weakref
from datetime import UTC, datetime, timedelta

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

_numbers = itertools.count(1)
logger = logging.getLogger(__name__)
# {a database connection (the driver's own object): names of the statements it has prepared}
_PREPARED_ON = weakref.WeakKeyDictionary()
# {a prepared statement's name: its text as Django compiled it}, for `readable`
_TEXTS = {}
# Integers outside what the databases store (signed 64-bit): no key can match one.
_KEYS = range(-(2**63), 2**63)


class StatementError(ImproperlyConfigured):
    """A queryset that cannot be compiled once: a value it reads is not an argument."""


class Prepared:
    """`queryset` compiled, with the positions of each stand-in among its parameters.

    Model rows (with their select_related rows and annotations) or values_list tuples;
    nothing that needs a second query (prefetch_related). Keeps the database alias, not
    a connection: connections belong to one thread.
    """

    def __init__(self, queryset, **stand_ins):
        if queryset._prefetch_related_lookups:
            raise StatementError("a prepared statement runs one query")
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        self.sql, self.params, self.alias = sql, tuple(params), queryset.db
        self.slots = {}
        for name, stand_in in stand_ins.items():
            wanted = _adapted(compiler.connection, stand_in)
            slots = tuple(i for i, param in enumerate(params) if _same(param, wanted))
            if not slots:
                raise StatementError(f"the stand-in for {name!r} is not in the query")
            self.slots[name] = slots
        columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
        self.converters = tuple(
            (position, tuple(functions), expression)
            for position, (functions, expression) in compiler.get_converters(columns).items()
        )
        self.server = None
        if _prepares(compiler.connection):
            self.server = _ServerSide(sql, self.params, self.slots)
        if queryset._iterable_class is ModelIterable:
            self._model_rows(compiler)
        elif queryset._iterable_class is ValuesListIterable:
            self.model = None  # Django 5.2 selects the columns in the order asked for
        else:
            raise StatementError("only model rows or values_list tuples")

    def _model_rows(self, compiler):
        klass_info = compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.own = slice(fields[0], fields[-1] + 1)
        self.attnames = [column[0].target.attname for column in compiler.select[self.own]]
        self.related = get_related_populators(klass_info, compiler.select, self.alias)
        self.annotations = tuple(compiler.annotation_col_map.items())

    def run(self, **values):
        """The rows for `values` (one for every stand-in), as the queryset would give them."""
        if any(isinstance(value, int) and value not in _KEYS for value in values.values()):
            return []  # no key is that large: the ORM would find nothing either
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            execute = self.server.statement(connection) if self.server else None
            if execute:
                cursor.execute(execute, [_adapted(connection, values[name]) for name in self.slots])
            else:
                params = list(self.params)
                for name, slots in self.slots.items():
                    value = _adapted(connection, values[name])
                    for slot in slots:
                        params[slot] = value
                cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = [self._converted(row, connection) for row in rows]
        if self.model is None:
            return rows
        return [self._instance(row) for row in rows]

    def _converted(self, row, connection):
        row = list(row)
        for position, functions, expression in self.converters:
            for convert in functions:
                row[position] = convert(row[position], expression, connection)
        return tuple(row)

    def _instance(self, row):
        instance = self.model.from_db(self.alias, self.attnames, row[self.own])
        for populator in self.related:
            populator.populate(row, instance)
        for name, position in self.annotations:
            setattr(instance, name, row[position])
        return instance


def readable(sql):
    """A query as a log or a test captured it, an EXECUTE of a prepared statement shown as
    the statement Django compiled (its %s where the values went)."""
    found = re.match(r"EXECUTE (newsroom_statement_\d+)\b", sql)
    return _TEXTS.get(found[1], sql) if found else sql


def _prepares(connection):
    return connection.vendor == "postgresql"


class _ServerSide:
    """A statement PREPAREd on each PostgreSQL connection that runs it, then EXECUTEd with
    each call's values.

    Only the stand-ins become the statement's parameters ($1, $2... in the order of
    `slots`); every other value the queryset holds is written into its text as a constant.
    A plan the server keeps for every call must still see what `published()` compares
    with: given the status as a parameter it could not use the partial indexes whose
    condition is that status, and read the whole table instead.
    """

    def __init__(self, sql, params, slots):
        self.name = f"newsroom_statement_{next(_numbers)}"
        self.sql, self.params, self.slots = sql, params, slots
        count = len(slots)
        self.execute = f"EXECUTE {self.name}" + (f"({', '.join(['%s'] * count)})" if count else "")
        self.text = None
        self.failed = False
        _TEXTS[self.name] = sql

    def _text(self, cursor, quoted):
        """PREPARE's text: the driver quotes the constants, as it would for any query."""
        params = list(self.params)
        for number, slots in enumerate(self.slots.values(), 1):
            for slot in slots:
                params[slot] = quoted(f"${number}")
        return cursor.mogrify(self.sql, params).decode()

    def statement(self, connection):
        """EXECUTE's text on this connection (preparing it first), or None: run it plainly.

        Prepared through the driver's own cursor, not Django's: once per connection, it is
        no query of the request that happens to come first (query counts stay the same).
        """
        if self.failed:
            return None
        raw = connection.connection
        names = _PREPARED_ON.setdefault(raw, set())
        if self.name not in names:
            if not self._prepare(raw, connection):
                return None
            names.add(self.name)
        return self.execute

    def _prepare(self, raw, connection):
        """False when PostgreSQL refuses the statement (a parameter whose type it cannot
        infer): it then always runs plainly. A lost connection raises, as any query would."""
        driver = connection.Database
        in_transaction, refused = connection.in_atomic_block, driver.ProgrammingError
        with raw.cursor() as cursor:
            if self.text is None:
                self.text = self._text(cursor, driver.extensions.AsIs)
            # In a transaction, a refused PREPARE would abort it: a savepoint keeps it usable.
            if in_transaction:
                cursor.execute("SAVEPOINT newsroom_prepare")
            try:
                cursor.execute(f"PREPARE {self.name} AS {self.text}")
            except refused:
                if in_transaction:
                    cursor.execute("ROLLBACK TO SAVEPOINT newsroom_prepare")
                self.failed = True
                logger.warning("statement not prepared, run plainly: %s", self.text[:200])
                return False
            if in_transaction:
                cursor.execute("RELEASE SAVEPOINT newsroom_prepare")
        return True


def _adapted(connection, value):
    # A datetime goes into the parameters as the backend adapts it (text on SQLite).
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _same(param, stand_in):
    return type(param) is type(stand_in) and param == stand_in


class Statement:
    """`build(**values)` -> a queryset; `rows(**values)` -> its rows, compiled once per
    shape of the values (a list's length). A list's items are bound one by one."""

    def __init__(self, build):
        self.build = build
        self._prepared = {}

    def rows(self, **values):
        shape = tuple(
            (name, len(value) if isinstance(value, list | tuple) else None)
            for name, value in sorted(values.items())
        )
        if shape not in self._prepared:
            self._prepared[shape] = self._prepare(values)
        prepared = self._prepared[shape]
        return [] if prepared is None else prepared.run(**_flat(values))

    def _prepare(self, values):
        """The statement, or None when the values leave nothing to find (an empty list)."""
        arguments, stand_ins = _stand_ins(values)
        again, others = _stand_ins(values)
        first, second = self.build(**arguments), self.build(**again)
        try:
            sql, params = first.query.get_compiler(using=first.db).as_sql()
        except EmptyResultSet:
            return None
        sql_again, params_again = second.query.get_compiler(using=second.db).as_sql()
        if sql_again != sql:
            raise StatementError("an argument reaches the SQL text, not its parameters")
        placed = set(stand_ins.values()) | set(others.values())
        connection = connections[first.db]
        placed |= {_adapted(connection, value) for value in placed}
        for param, param_again in zip(params, params_again, strict=True):
            if _placed(param, placed):
                continue
            if isinstance(param, datetime) or param != param_again:
                # A time read inside `build` (a datetime, or the text SQLite is given).
                raise StatementError("a value would be frozen into the statement")
        return Prepared(first, **stand_ins)


def _placed(param, placed):
    try:
        return param in placed
    except TypeError:  # an unhashable parameter (a list) is no stand-in
        return False


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


def _stand_ins(values):
    """(the arguments to build with, {flat name: stand-in}): a list's items by index."""
    arguments, stand_ins = {}, {}
    for name, value in values.items():
        if isinstance(value, list | tuple):
            items = [_stand_in(item, name) for item in value]
            stand_ins.update({f"{name}.{index}": item for index, item in enumerate(items)})
            arguments[name] = items
        else:
            stand_ins[name] = arguments[name] = _stand_in(value, name)
    return arguments, stand_ins


def _flat(values):
    flat = {}
    for name, value in values.items():
        if isinstance(value, list | tuple):
            flat.update({f"{name}.{index}": item for index, item in enumerate(value)})
        else:
            flat[name] = value
    return flat
