"""FTS5's records as the memory path reads them (search/engines/memory_arrays.py)."""

from search.engines.memory_arrays import Facet, entry_length, varints


def encode(value: int) -> bytes:
    """SQLite's varint for values below 2**56: 7 bits a byte, high bit = more follow."""
    groups = [value & 0x7F]
    value >>= 7
    while value:
        groups.append(value & 0x7F | 0x80)
        value >>= 7
    return bytes(reversed(groups))


def test_varints_one_to_nine_bytes():
    values = [0, 12, 127, 128, 163, 16_383, 16_384, 2**49 + 5]
    assert varints(b"".join(encode(v) for v in values)) == values
    # Nine bytes: eight of 7 bits, the last of 8.
    assert varints(b"\x81" * 8 + b"\x01") == [int("0000001" * 8, 2) << 8 | 1]


def test_entry_length_is_the_sum_of_its_columns():
    assert entry_length(encode(12) + encode(54)) == 66  # two one-byte sizes
    assert entry_length(encode(22) + encode(163)) == 185
    assert entry_length(encode(300) + encode(20_000)) == 20_300


def test_facet_codes_keep_zero_for_no_value():
    facet = Facet(("b", "", "a", "b"))
    assert facet.values == ["", "a", "b"] and facet.codes.tolist() == [2, 0, 1, 2]
    assert facet.code("b") == 2 and facet.code("") is None and facet.code("c") is None
    assert Facet(("x", "y")).codes.tolist() == [1, 2]
    assert Facet(()).codes.tolist() == []
