"""SQLite: FTS5's vocabulary of the index, one row per occurrence of a term.

``search.engines.memory_index`` reads a term's occurrences here (entry, column) the first
time a worker searches for it. A persistent ``fts5vocab`` table is a read-only view of the
FTS5 index itself (it stores nothing); creating it once here spares each connection a
statement. PostgreSQL has no in-memory reading: nothing to add there."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_indexentry_vocab "
            "USING fts5vocab(search_indexentry_fts, instance)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_indexentry_vocab")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_index_version")]

    operations = [migrations.RunPython(forward, backward)]
