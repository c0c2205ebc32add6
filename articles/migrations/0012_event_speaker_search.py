"""Indonesian search over events and speakers: an index on each database, and speakers'
name order indexed (search lists them by name).

PostgreSQL: a GIN index on the `indonesian` tsvector of the row's own columns (the
expression `search_index.own_document()` builds, so the reader's search is answered from
it; nothing is stored per row). SQLite: a stemmed FTS5 table per kind, filled here from
the rows that exist; saves and deletes keep it current from then on (see search_index).

The field lists are this migration's own copy of `search_index.OWN_FIELDS` as it stood:
changing that list needs a migration that rebuilds the index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

from articles.models.search_sqlite import document

CONFIG = "indonesian"
SEARCHED = {
    "event": ("event_search_gin", "event_search_fts", ("title", "description", "venue")),
    "speaker": ("speaker_search_gin", "speaker_search_fts", ("name", "position")),
}


def _index(index_name, fields):
    return GinIndex(SearchVector(*fields, config=CONFIG), name=index_name)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for model_name, (index_name, table, fields) in SEARCHED.items():
        model = apps.get_model("articles", model_name)
        if vendor == "postgresql":
            schema_editor.add_index(model, _index(index_name, fields))
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(document, tokenize='unicode61')"
            )
            rows = model.objects.values_list("pk", *fields)
            with schema_editor.connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} (rowid, document) VALUES (%s, %s)",
                    [(pk, document(texts)) for pk, *texts in rows.iterator()],
                )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for model_name, (index_name, table, fields) in SEARCHED.items():
        model = apps.get_model("articles", model_name)
        if vendor == "postgresql":
            schema_editor.remove_index(model, _index(index_name, fields))
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    # The integrator re-chains this after the other helpers' 0010 and 0011.
    dependencies = [("articles", "0011_admin_list_indexes")]

    operations = [
        migrations.RunPython(create, drop),
        migrations.AddIndex(
            model_name="speaker",
            index=models.Index(fields=["name", "id"], name="speaker_name_idx"),
        ),
    ]
