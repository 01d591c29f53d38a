"""keyring finds its backends through entry points (group 'keyring.backends' in its own
dist-info), so a bundle needs keyring's metadata as well as the backend modules; without
them keyring silently falls back to keyring.backends.fail and every secret goes to files."""

from PyInstaller.utils.hooks import collect_submodules, copy_metadata

hiddenimports = collect_submodules("keyring.backends")
datas = copy_metadata("keyring")
