"""JSON for the credential fast path, on the C accelerator the json package itself uses.

`import json` costs a credential_process call about 5 ms, nearly all of it the `re` and
`enum` modules json.decoder needs for its pure-Python fallbacks and whitespace patterns.
The parser here is `_json.make_scanner`, the very scanner json.loads runs on CPython; only
the whitespace around the document is skipped by hand. The writer covers what our files and
socket messages hold (mappings with string keys, lists, strings, whole numbers, floats,
booleans, None) with `_json.encode_basestring_ascii`, json.dumps' own string encoder, and
gives json.dumps' default output. Without the accelerator (another Python), the json
package does both. Errors are ValueError, as json's are.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs the fast path ~2 ms; mypy reads this as True
if TYPE_CHECKING:
    from typing import Any

_WHITESPACE = " \t\n\r"  # RFC 8259's four, all json.loads skips

try:
    import _json
except ImportError:  # pragma: no cover - every CPython has it
    _json = None  # type: ignore[assignment]


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


class _Context:
    """The settings json.JSONDecoder gives its scanner: strict strings, plain dicts, and
    no NaN or Infinity (our documents never hold them; json would take them)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = staticmethod(_no_constant)
    memo: dict[str, str] = {}


_scan = _json.make_scanner(_Context()) if _json is not None else None  # type: ignore[arg-type]


def loads(text: str | bytes) -> Any:
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if _scan is None:  # pragma: no cover
        import json

        return json.loads(text)
    start = len(text) - len(text.lstrip(_WHITESPACE))
    try:
        value, end = _scan(text, start)
    except StopIteration:
        raise ValueError("not a JSON document") from None
    except RecursionError:
        raise ValueError("a JSON document nested too deep") from None
    if text[end:].strip(_WHITESPACE):
        raise ValueError("extra data after the JSON document")
    return value


def dumps(value: Any) -> str:
    """json.dumps(value) for the types listed above (TypeError for any other)."""
    if _json is None:  # pragma: no cover
        import json

        return json.dumps(value)
    parts: list[str] = []
    _write(value, parts, 0)
    return "".join(parts)


def _write(value: Any, parts: list[str], depth: int) -> None:
    if depth > 100:
        raise ValueError("a JSON value nested too deep")
    if isinstance(value, str):
        parts.append(_json.encode_basestring_ascii(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("NaN and Infinity are not JSON values")
        parts.append(float.__repr__(value))
    elif isinstance(value, dict):
        parts.append("{")
        for i, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise TypeError("JSON object keys must be strings here")
            parts.append(", " if i else "")
            parts.append(_json.encode_basestring_ascii(key))
            parts.append(": ")
            _write(item, parts, depth + 1)
        parts.append("}")
    elif isinstance(value, list | tuple):
        parts.append("[")
        for i, item in enumerate(value):
            parts.append(", " if i else "")
            _write(item, parts, depth + 1)
        parts.append("]")
    else:
        raise TypeError(f"{type(value).__name__} is not written as JSON here")
