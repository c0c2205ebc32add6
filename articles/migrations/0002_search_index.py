"""The GIN index behind reader search, PostgreSQL only.

SQLite has no tsvector and searches by substring, so nothing runs there. A fresh
database has no articles yet; every save fills its row's vector from then on.
"""

from django.db import migrations

INDEX = "article_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "articles_article" USING gin ("search_vector")'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
