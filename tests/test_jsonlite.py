"""core.jsonlite: the fast path's JSON, the same documents as json's, on json's own scanner."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from elevate_tray.core import jsonlite

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(values)
def test_dumps_is_json_dumps_and_loads_reads_it_back(value: object) -> None:
    text = jsonlite.dumps(value)
    assert text == json.dumps(value)
    assert jsonlite.loads(text) == json.loads(text)
    assert jsonlite.loads(f" \n\t{text}\r\n ") == json.loads(text)


@given(st.text())
def test_loads_takes_what_json_takes_and_refuses_the_rest(text: str) -> None:
    try:
        expected = json.loads(text)
    except ValueError:
        with pytest.raises(ValueError):
            jsonlite.loads(text)
        return
    except RecursionError:
        return
    if any(c in text for c in ("NaN", "Infinity")):
        return  # json takes those; our documents never hold them
    assert jsonlite.loads(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", "{", '{"a": 1} x', "[1,]", "NaN", '{"a": Infinity}', "'x'", "[" * 5000]
)
def test_what_is_not_a_document_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        jsonlite.loads(text)


def test_other_types_are_refused() -> None:
    for value in (object(), {1: "a"}, float("nan"), b"x"):
        with pytest.raises((TypeError, ValueError)):
            jsonlite.dumps(value)


def test_the_credential_fast_path_imports_neither_json_nor_re() -> None:
    code = (
        "import sys, elevate_tray.fastpath; "
        "print(sorted({'json', 're', 'enum'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
