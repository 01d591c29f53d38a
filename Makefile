# Two commands for a newcomer: `make run` (the app; the local sandbox when no AWS target is
# configured) and `make test` (the whole suite). Both create .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test venv lint clean bundle deb deb-check

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[sandbox,test,dev,bundle]'
	rm -f $(VENV)/.installed-*; touch $@

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m elevate_tray.run

test: $(STAMP)
	$(BIN)/python -m pytest

bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm build.spec
	dist/elevate-tray/elevate-tray --smoke-test

# the .deb from the bundle (packaging/deb.py): dist/elevate-tray_VERSION_ARCH.deb
deb: bundle
	$(BIN)/python packaging/deb.py

# issue 17's install check (CI, as root): wheel in a fresh venv, the .deb installed, its tray
# on a virtual screen, autostart, purge
deb-check: $(STAMP)
	packaging/deb_check.sh

lint: $(STAMP)
	$(BIN)/ruff check elevate_tray tests benchmarks resources packaging
	$(BIN)/ruff format --check elevate_tray tests benchmarks resources packaging
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build dist *.egg-info
