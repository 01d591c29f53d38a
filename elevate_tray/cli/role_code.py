"""What a setup command asks on the terminal (a role profile's MFA code, the go-ahead) and
how it shows a plan's step."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..core.awserrors import mfa_code_needed
from ..core.errors import ConfigError
from ..setup.steps import CREATE, DELETE, KEEP, UNCHANGED, UPDATE, Step

MARKS = {CREATE: "+", UPDATE: "~", UNCHANGED: "=", DELETE: "-", KEEP: "="}


class RoleCode:
    """The MFA code of a role profile's AssumeRole: --mfa-code, else asked on the terminal,
    else one sentence (never botocore's own prompt, which would wait on no terminal)."""

    def __init__(self, profile: str | None, code: str | None, stdin: TextIO, out: TextIO):
        self.profile = profile or "default"
        self.code = code
        self.stdin = stdin
        self.out = out

    def __call__(self, prompt: str) -> str:
        if self.code:
            return self.code
        if not isatty(self.stdin):
            raise mfa_code_needed(self.profile)
        print(f"MFA code for the role of profile '{self.profile}': ", end="", file=self.out)
        self.out.flush()
        return self.stdin.readline().strip()


def isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a file
        return False


def confirm_change(question: str, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> bool:
    if args.yes:
        return True
    if not stdin.isatty():
        raise ConfigError("Refusing to change the account without a prompt: add --yes.")
    print(f"{question} [y/N] ", end="", file=out, flush=True)
    return stdin.readline().strip().lower() in ("y", "yes")


def print_step(step: Step, out: TextIO, with_diff: bool = True) -> None:
    print(f"  {MARKS[step.action]} {step.action:<9} {step.summary}{_ownership(step)}", file=out)
    for widening in step.widenings:
        print(f"      widens: {widening}", file=out)
    if with_diff and step.diff:
        for line in step.diff.splitlines():
            print(f"      {line}", file=out)


def _ownership(step: Step) -> str:
    if not step.unmanaged:
        return ""
    if step.adopted:
        return " [exists, not managed by this setup: adopted]"
    if step.refusal:
        return f" [exists, not managed by this setup: {step.refusal}]"
    return f" [exists, not managed by this setup: --adopt {step.adopt_name} to change it]"
