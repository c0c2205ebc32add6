"""Querysets compiled once per process and run with each request's values.

A public request that runs a query of a dozen subqueries spends most of its time in
Django building and compiling it again, while only a few values in it (the time, a
reader's words, a scope's key) differ between requests. A `Prepared` statement is the
queryset compiled once with stand-ins for those values; running it puts the request's
values where the stand-ins went. The queryset stays the definition: it is built by the
same code (through `published()`), and a statement refuses to exist if a stand-in did
not reach its parameters, so it can never run with one left in place.
"""

from datetime import datetime

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators


class Prepared:
    """`queryset` compiled, with the positions of each stand-in among its parameters.

    Model rows (with their select_related rows and annotations) or values_list tuples;
    nothing that needs a second query (prefetch_related). Keeps the database alias, not
    a connection: connections belong to one thread.
    """

    def __init__(self, queryset, **stand_ins):
        if queryset._prefetch_related_lookups:
            raise ImproperlyConfigured("a prepared statement runs one query")
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        self.sql, self.params, self.alias = sql, tuple(params), queryset.db
        self.slots = {}
        for name, stand_in in stand_ins.items():
            wanted = _adapted(compiler.connection, stand_in)
            slots = tuple(i for i, param in enumerate(params) if _same(param, wanted))
            if not slots:
                raise ImproperlyConfigured(f"the stand-in for {name!r} is not in the query")
            self.slots[name] = slots
        columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
        self.converters = tuple(
            (position, tuple(functions), expression)
            for position, (functions, expression) in compiler.get_converters(columns).items()
        )
        if queryset._iterable_class is ModelIterable:
            self._model_rows(compiler)
        elif queryset._iterable_class is ValuesListIterable:
            names = [*queryset.query.values_select, *queryset.query.annotation_select]
            if names != list(queryset._fields):
                raise ImproperlyConfigured("the columns come back in another order")
            self.model = None
        else:
            raise ImproperlyConfigured("only model rows or values_list tuples")

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
        connection = connections[self.alias]
        params = list(self.params)
        for name, slots in self.slots.items():
            value = _adapted(connection, values[name])
            for slot in slots:
                params[slot] = value
        with connection.cursor() as cursor:
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


def _adapted(connection, value):
    # A datetime goes into the parameters as the backend adapts it (text on SQLite).
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _same(param, stand_in):
    return type(param) is type(stand_in) and param == stand_in
