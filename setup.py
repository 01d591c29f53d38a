"""The wheel carries resources/ and provisioning/ as package data (issue 17).

Both stay at the top of the repository (the design card fixes them there); building a wheel
copies them into the package as elevate_tray/_data/, where the installed app finds them with
importlib.resources (elevate_tray/core/documents.py). Editable installs copy nothing: the app
finds them beside the package in the source tree. Everything else is in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent

# what the installed app reads: icons, compiled translations, the provisioning documents
DATA = {
    "resources/icons": "*.svg",
    "resources/translations": "*.qm",
    "provisioning": "**/*",
}


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "elevate_tray" / "_data"
        for folder, pattern in DATA.items():
            for src in sorted((ROOT / folder).glob(pattern)):
                if src.is_file():
                    dest = target / src.relative_to(ROOT)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    self.copy_file(str(src), str(dest))


setup(cmdclass={"build_py": BuildWithData})
