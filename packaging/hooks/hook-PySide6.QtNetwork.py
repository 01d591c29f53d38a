"""PySide6.QtNetwork with only the Qt plugins the spec keeps.

Replaces PyInstaller's hook of the same name, which collects the TLS backends and the
network-information plugins; the app uses QtNetwork only for its single-instance local
socket. The rule is the spec's (hooksconfig {"PySide6": {"keep_plugin": callable}}).
"""

from PyInstaller.utils.hooks import get_hook_config
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

_HOOK_FILE = __file__


def hook(hook_api):
    hidden, binaries, datas = add_qt6_dependencies(_HOOK_FILE)
    keep = get_hook_config(hook_api, "PySide6", "keep_plugin")
    if keep is not None:
        binaries = [(src, dest) for src, dest in binaries if keep(src, dest)]
    hook_api.add_imports(*hidden)
    hook_api.add_binaries(binaries)
    hook_api.add_datas(datas)
