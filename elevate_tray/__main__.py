"""Entry point: `elevate-tray [command]` and `python -m elevate_tray`. No logic here."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["credentials"]:
        from .fastpath import try_credentials

        if try_credentials(args[1:]):
            return 0
    from .cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
