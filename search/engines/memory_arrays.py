"""The arrays :mod:`.memory_index` keeps, and the FTS5 records it reads them from: a
term's postings, a facet column as integer codes, an entry's length from FTS5's
docsize record (SQLite varints)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Postings:
    """One term's matches: positions in the snapshot (ascending), BM25 shares, and
    whether the indexed title has the term."""

    positions: np.ndarray
    shares: np.ndarray
    in_title: np.ndarray

    @property
    def size(self) -> int:
        return len(self.positions)

    def lookup(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(has the term, title has it) for each of ``positions``."""
        at = np.searchsorted(self.positions, positions)
        at = np.minimum(at, max(self.size - 1, 0))
        if not self.size:
            empty = np.zeros(len(positions), dtype=bool)
            return empty, empty
        present = self.positions[at] == positions
        return present, present & self.in_title[at]


class Facet:
    """One facet column as codes: ``values[code]``; code 0 is "no value"."""

    def __init__(self, column: tuple[str, ...]):
        values, codes = np.unique(np.array(column or ("",), dtype=str), return_inverse=True)
        self.values = [str(v) for v in values]
        if self.values[0] != "":  # code 0 stays "no value"
            self.values.insert(0, "")
            codes = codes + 1
        self.codes = codes.reshape(-1)[: len(column)].astype(np.int32)
        self.index = {v: i for i, v in enumerate(self.values)}

    def code(self, value: str) -> int | None:
        return self.index.get(value) or None


def entry_length(blob: bytes) -> int:
    """An entry's length in tokens from FTS5's docsize record: one varint per column
    (big-endian, 7 bits a byte); the common one- and two-byte sizes read directly."""
    if len(blob) == 2:
        return blob[0] + blob[1]
    return sum(varints(blob))


def varints(blob: bytes) -> list[int]:
    """SQLite varints (big-endian, 7 bits a byte, a 9th byte of 8 bits)."""
    out, value, count = [], 0, 0
    for byte in blob:
        if count == 8:
            out.append(value << 8 | byte)
            value = count = 0
            continue
        value = value << 7 | (byte & 0x7F)
        count += 1
        if not byte & 0x80:
            out.append(value)
            value = count = 0
    return out
