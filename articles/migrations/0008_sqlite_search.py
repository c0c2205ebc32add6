"""The stemmed full-text table behind reader search on SQLite (see models/search_sqlite).

PostgreSQL keeps its tsvector column and GIN index (0002); nothing runs there.
"""

from django.db import migrations

TABLE = "article_search_fts"


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(document, tokenize='unicode61')"
    )


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_public_list_indexes")]

    operations = [migrations.RunPython(create_table, drop_table)]
