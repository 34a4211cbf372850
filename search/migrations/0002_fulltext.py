"""Full-text index on the segmented columns, per database vendor.

SQLite: an external-content FTS5 table over (title_seg, body_seg) kept in step by
triggers. PostgreSQL: a generated, weighted ``tsvector`` column with a GIN index. The
segmented text already has words separated by spaces, so the default tokenizer/parser
('unicode61' / 'simple') splits exactly at word boundaries."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_indexentry_fts USING fts5("
    "title_seg, body_seg, content='search_indexentry', content_rowid='id')",
    "CREATE TRIGGER search_indexentry_ai AFTER INSERT ON search_indexentry BEGIN "
    "INSERT INTO search_indexentry_fts(rowid, title_seg, body_seg) "
    "VALUES (new.id, new.title_seg, new.body_seg); END",
    "CREATE TRIGGER search_indexentry_ad AFTER DELETE ON search_indexentry BEGIN "
    "INSERT INTO search_indexentry_fts(search_indexentry_fts, rowid, title_seg, body_seg) "
    "VALUES ('delete', old.id, old.title_seg, old.body_seg); END",
    "CREATE TRIGGER search_indexentry_au AFTER UPDATE ON search_indexentry BEGIN "
    "INSERT INTO search_indexentry_fts(search_indexentry_fts, rowid, title_seg, body_seg) "
    "VALUES ('delete', old.id, old.title_seg, old.body_seg); "
    "INSERT INTO search_indexentry_fts(rowid, title_seg, body_seg) "
    "VALUES (new.id, new.title_seg, new.body_seg); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_indexentry_au",
    "DROP TRIGGER IF EXISTS search_indexentry_ad",
    "DROP TRIGGER IF EXISTS search_indexentry_ai",
    "DROP TABLE IF EXISTS search_indexentry_fts",
]
PG_FORWARD = [
    "ALTER TABLE search_indexentry ADD COLUMN fts tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', coalesce(title_seg, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(body_seg, '')), 'D')) STORED",
    "CREATE INDEX search_indexentry_fts_gin ON search_indexentry USING GIN (fts)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_indexentry_fts_gin",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}),
        )
    ]
