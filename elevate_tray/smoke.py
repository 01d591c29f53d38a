"""`elevate-tray --smoke-test`: does this installation (above all a frozen bundle) have
everything the app loads lazily, without starting the tray or touching the network?

It builds the Qt application object (offscreen when there is no display) but never enters
the event loop, renders every icon, loads every translation and provisioning document,
checks the keyring backends and the ICU data Qt uses, and creates the AWS clients with
dummy keys. One line per check on stdout; exit 0 when all pass, 1 when any line says FAIL
(with the reason). Packaging mistakes (a data file or backend left out of the
bundle) show up here instead of in front of a user.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

Check = Callable[[], str]


def _qt() -> str:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a headless build machine
    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["elevate-tray"])
    app.setApplicationName("elevate-tray")
    return f"PySide6 {pyside_version}, platform {QApplication.platformName()}"


def _icons() -> str:
    from .core.documents import resource_path
    from .core.lifecycle import Mode
    from .ui.icons import CountdownPainter, render_svg

    names = sorted(p.stem for p in resource_path("resources", "icons").glob("*.svg"))
    if not names:
        raise RuntimeError("resources/icons has no SVG icons")
    for name in names:
        for size in (16, 64):
            image = render_svg(name, size).toImage()
            centre = image.pixelColor(size // 2, size // 2)
            if image.isNull() or centre.alpha() == 0:
                raise RuntimeError(f"{name}.svg renders empty at {size} px")
    painter = CountdownPainter()
    for mode, left in (
        (Mode.READ_ONLY, 0),
        (Mode.ELEVATING, 0),
        (Mode.ADMIN, 25 * 60),
        (Mode.ADMIN, 30),
    ):
        if painter.icon(mode, left).isNull():
            raise RuntimeError(f"the {mode.value} tray icon is empty")
    return f"{len(names)} SVG icons ({', '.join(names)}) and the tray's countdown icons"


def _translations() -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QApplication

    from .core.documents import resource_path
    from .ui.i18n import LANGUAGES, install_translator, remove_translator

    app = QApplication.instance()
    loaded = []
    for lang in LANGUAGES:
        if lang == "en":
            continue  # the source text
        path = resource_path("resources", "translations", f"elevate_tray_{lang}.qm")
        translator = install_translator(app, {"LANG": f"{lang}.UTF-8"})
        if translator is None or translator.isEmpty():
            raise RuntimeError(f"{path.name} does not load")
        remove_translator(app, translator)
        loaded.append(path.name)
    extra = sorted(p.name for p in resource_path("resources", "translations").glob("*.qm"))
    for name in extra:
        if name not in loaded and not QTranslator().load(
            str(resource_path("resources", "translations", name))
        ):
            raise RuntimeError(f"{name} does not load")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for lang in LANGUAGES:
        if lang != "en" and not QTranslator().load(f"qtbase_{lang}", qt_dir):
            raise RuntimeError(f"Qt's own qtbase_{lang}.qm is missing from {qt_dir}")
    return ", ".join(sorted(set(loaded) | set(extra))) + ", and Qt's qtbase for the same languages"


def _icu() -> str:
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder

    if QCollator(QLocale("ja_JP")).compare("あ", "い") >= 0:
        raise RuntimeError("Japanese collation does not work (ICU collation data)")
    if not QStringDecoder("Shift_JIS").isValid():
        raise RuntimeError("the Shift_JIS codec is missing (ICU converter data)")
    return "collation and the Japanese legacy codecs work"


def _provisioning() -> str:
    from .core.documents import resource_path
    from .setup.cloudformation import render_template
    from .setup.model import Account, Names, SetupOptions
    from .setup.render import render, render_file

    names = Names(SetupOptions(), Account(account_id="123456789012", partition="aws"))
    documents = render(names).as_dict()
    policies = sorted(p.name for p in resource_path("provisioning", "policies").glob("*.json"))
    for name in policies:
        render_file(name, names)  # every policy file, not only the three the engine names
    template = render_template(SetupOptions())
    if "AWSTemplateFormatVersion" not in template:
        raise RuntimeError("the CloudFormation template does not look like one")
    rendered = len(documents)
    return f"{len(policies)} policy documents ({rendered} rendered), the CloudFormation template"


# the keyring backends that must be in a bundle for each platform (keyring's entry point
# names): keyring finds them through its dist-info, so a bundle without it gets only 'fail'
_PLATFORM_BACKENDS = {"linux": ("SecretService",), "darwin": ("macOS",), "win32": ("Windows",)}


def _keyring() -> str:
    from importlib.metadata import entry_points

    import keyring
    from keyring.backend import get_all_keyring

    from .core.secrets import keyring_usable

    declared = {ep.name: ep for ep in entry_points(group="keyring.backends")}
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    for name in _PLATFORM_BACKENDS.get(platform, ()):
        if name not in declared:
            raise RuntimeError(
                f"keyring's metadata lacks its {name} backend (entry points: {sorted(declared)})"
            )
        declared[name].load()  # the backend module and what it needs (secretstorage, ...)
    backend = keyring.get_keyring()
    viable = sorted(type(k).__module__.removeprefix("keyring.backends.") for k in get_all_keyring())
    store = "the OS keyring" if keyring_usable() else "user-only files (no usable keyring here)"
    return (
        f"chosen {type(backend).__module__}.{type(backend).__name__}; viable here: "
        f"{', '.join(viable) or 'none'}; secrets go to {store}"
    )


def _aws() -> str:
    import boto3
    from botocore.httpsession import get_cert_path

    from .core.awsclients import client
    from .core.sessions import Credentials

    in_an_hour = datetime.now(UTC) + timedelta(hours=1)
    dummy = Credentials(
        "ASIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "dummy-token",
        in_an_hour,
    )
    environ = {"AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
    urls = []
    for service, operation in (("sts", "get_caller_identity"), ("iam", "list_account_aliases")):
        aws = client(service, region="us-east-1", credentials=dummy, environ=environ)
        urls.append(aws.generate_presigned_url(operation, ExpiresIn=60))  # signs, sends nothing
    setup = boto3.session.Session(
        aws_access_key_id=dummy.access_key_id,
        aws_secret_access_key=dummy.secret_access_key,
        region_name="us-east-1",
    )
    setup.client("iam")
    setup.client("sts")
    cert = Path(get_cert_path(True))
    if not cert.is_file():
        raise RuntimeError(f"the CA bundle {cert} is missing: HTTPS to AWS would fail")
    hosts = ", ".join(u.split("/")[2] for u in urls)
    return (
        f"sts and iam clients (botocore and boto3) signed requests for {hosts}; CA bundle present"
    )


CHECKS: list[tuple[str, Check]] = [
    ("qt", _qt),
    ("icons", _icons),
    ("translations", _translations),
    ("icu", _icu),
    ("provisioning", _provisioning),
    ("keyring", _keyring),
    ("aws", _aws),
]


def main(argv: list[str] | None = None) -> int:
    verbose = "--verbose" in (argv or [])
    where = (
        f"frozen bundle at {Path(sys._MEIPASS)}"
        if getattr(sys, "frozen", False)
        else "source install"
    )  # type: ignore[attr-defined]
    from . import __version__
    from .core.documents import resource_root

    print(
        f"smoke-test: elevate-tray {__version__}, {where}, "
        f"Python {sys.version.split()[0]}, {sys.platform}"
    )
    print(f"smoke-test: code in {Path(__file__).parent}, data files in {resource_root()}")
    failed = []
    for name, check in CHECKS:
        try:
            detail = check()
        except Exception as exc:  # the reason is the output
            print(f"FAIL {name}: {type(exc).__name__}: {exc}")
            if verbose:
                traceback.print_exc(file=sys.stdout)
            failed.append(name)
        else:
            print(f"ok   {name}: {detail}")
    if failed:
        print(f"smoke-test: FAILED: {', '.join(failed)}")
        return 1
    print(f"smoke-test: ok, {len(CHECKS)} checks")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
