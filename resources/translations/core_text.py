"""The core's English sentences, collected from its source for the translation file.

lupdate only finds tr()/translate() calls, and the core has no Qt. Its user-facing text is
either a fixed sentence given to an ElevateError (or a subclass) as a literal, or a Phrase
(elevate_tray/core/errors.py) whose first argument is a literal template with {name}
placeholders. Both are found here by reading the source (nothing is imported), and
update.py writes them into the .ts under the context "CoreErrors", where
elevate_tray/ui/error_text.py looks them up.

`untranslatable()` lists the error constructions that cannot be translated: an f-string or
a computed sentence handed to an error. In the core there must be none
(tests/test_ui_i18n.py); a new sentence there is written as a literal or a Phrase.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGE = ROOT / "elevate_tray"
CONTEXT = "CoreErrors"
BASE_ERRORS = {"ElevateError", "ConfigError", "MfaRejected", "AccessDenied", "NetworkError"}
BASE_ERRORS |= {"NotElevated"}
# these rebuild Phrases from a key already collected: errors.py's own, and a stored
# receipt's notes and problem (core/receipt.py), which were literal Phrases when made
REBUILT = ("errors.py", "receipt.py")


def core_files() -> list[Path]:
    """Where every sentence must be translatable: the core, and the UI's own actions."""
    return (
        sorted((PACKAGE / "core").glob("*.py"))
        + sorted((PACKAGE / "flows").glob("*.py"))
        + [PACKAGE / "ui" / "actions.py"]
    )


def setup_files() -> list[Path]:
    """The setup engine, shown by the wizard: its fixed sentences are translated too."""
    return sorted((PACKAGE / "setup").glob("*.py"))


@dataclass(frozen=True)
class Found:
    text: str
    path: Path
    line: int


def _parse(paths: list[Path]) -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"), str(p))) for p in paths]


def _error_classes(trees: list[tuple[Path, ast.Module]]) -> set[str]:
    """ElevateError and every class derived from it in these files."""
    names = set(BASE_ERRORS)
    grew = True
    while grew:
        grew = False
        for _path, tree in trees:
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.ClassDef)
                    and node.name not in names
                    and any(_name(b) in names for b in node.bases)
                ):
                    names.add(node.name)
                    grew = True
    return names


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _constants(trees: list[tuple[Path, ast.Module]]) -> dict[str, str]:
    """Module-level NAME = "literal" assignments, e.g. awserrors.CODE_ALREADY_USED."""
    out = {}
    for _path, tree in trees:
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                out[node.targets[0].id] = node.value.value
    return out


def _scan(paths: list[Path]) -> tuple[list[Found], list[Found]]:
    """(translatable texts, untranslatable error constructions) in these files."""
    trees = _parse(paths)
    errors = _error_classes(_parse(core_files() + setup_files()))
    constants = _constants(_parse(core_files() + setup_files()))
    found: list[Found] = []
    bad: list[Found] = []
    for path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            callee = _name(node.func)
            first = node.args[0]
            if callee == "Phrase":
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append(Found(first.value, path, node.lineno))
                elif path.name not in REBUILT:
                    bad.append(Found(ast.unparse(first), path, node.lineno))
            elif callee in errors:
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append(Found(first.value, path, node.lineno))
                elif isinstance(first, ast.Name) and first.id in constants:
                    found.append(Found(constants[first.id], path, node.lineno))
                elif isinstance(first, ast.Call) and _name(first.func) in ("Phrase", "translate"):
                    continue  # the Phrase is found on its own; a translate() is lupdate's
                else:
                    bad.append(Found(ast.unparse(first), path, node.lineno))
    return found, bad


def sentences() -> list[str]:
    """Every core (and setup) text the UI may show, once each, in a stable order."""
    found = _scan(core_files())[0] + _scan(setup_files())[0]
    return sorted({f.text for f in found})


def untranslatable(paths: list[Path] | None = None) -> list[Found]:
    return _scan(core_files() if paths is None else paths)[1]


if __name__ == "__main__":
    for text in sentences():
        print(repr(text))
    for f in untranslatable(core_files() + setup_files()):
        print(f"untranslatable: {f.path.relative_to(ROOT)}:{f.line}: {f.text}")
