"""Fill empty or fuzzy translations of a .po file from a Python dict file.

    python scripts/po_fill.py APP/locale/zh_Hans/LC_MESSAGES/django.po translations.py

``translations.py`` defines ``T = {"English msgid": "中文", ...}``. Existing translations
are kept unless the dict gives a new one. Prints the msgids still untranslated."""

import runpy
import sys

import polib


def main(po_path: str, table_path: str) -> int:
    table = runpy.run_path(table_path)["T"]
    po = polib.pofile(po_path)
    for entry in po:
        if entry.msgid in table:
            entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save(po_path)
    missing = [e.msgid for e in po if not e.msgstr and not e.obsolete]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
