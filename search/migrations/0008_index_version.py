"""SQLite: a token that changes with every write to the index entries.

``search.engines.memory_index`` keeps the index's columns and the postings of recent
terms in each worker's memory; it reads this one-row table to know whether what it keeps
is still the index's content. Triggers write a new random token on every insert, update
and delete of an entry, in the writer's transaction: a rolled-back write leaves the old
token with the old content, and no two contents ever share a token. The table is not a
Django model, so ``flush`` leaves it (its DELETE of the entries fires the triggers).
PostgreSQL has no in-memory reading: nothing to add there."""

from django.db import migrations

NEW_TOKEN = "UPDATE search_indexversion SET token = lower(hex(randomblob(8))) WHERE id = 1;"
SQLITE_FORWARD = [
    "CREATE TABLE IF NOT EXISTS search_indexversion "
    "(id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL)",
    "INSERT OR IGNORE INTO search_indexversion (id, token) VALUES (1, lower(hex(randomblob(8))))",
    "CREATE TRIGGER IF NOT EXISTS search_indexversion_ai AFTER INSERT ON search_indexentry "
    f"BEGIN {NEW_TOKEN} END",
    "CREATE TRIGGER IF NOT EXISTS search_indexversion_ad AFTER DELETE ON search_indexentry "
    f"BEGIN {NEW_TOKEN} END",
    "CREATE TRIGGER IF NOT EXISTS search_indexversion_au AFTER UPDATE ON search_indexentry "
    f"BEGIN {NEW_TOKEN} END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_indexversion_au",
    "DROP TRIGGER IF EXISTS search_indexversion_ad",
    "DROP TRIGGER IF EXISTS search_indexversion_ai",
    "DROP TABLE IF EXISTS search_indexversion",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_facet_index")]

    operations = [migrations.RunPython(forward, backward)]
