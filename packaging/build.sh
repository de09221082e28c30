#!/usr/bin/env bash
# Build the one-folder app (Linux, macOS): compile the translations, run PyInstaller on
# packaging/workbench.spec, print the size. Result: dist/ShopWorkbench/ (and, on macOS,
# dist/ShopWorkbench.app; on Linux also dist/shop-workbench_<version>_<arch>.deb).
# Run from anywhere; uses $PYTHON, else .venv/bin/python, else python3, which must have the
# project and its `package` extra installed (pip install -e '.[package]').
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
"$PYTHON" -c 'import PyInstaller' 2>/dev/null || {
  echo "build: PyInstaller is missing for $PYTHON; run: $PYTHON -m pip install -e '.[package]'" >&2
  exit 1
}

# Translations: scripts/build-translations compiles i18n/*.ts with .venv's pyside6-lrelease. Where
# there is no .venv (the release workflow installs into the runner's Python), the same files are
# compiled here with the pyside6-lrelease installed with $PYTHON's PySide6.
if [ -x scripts/build-translations ] && [ -x .venv/bin/pyside6-lrelease ]; then
  echo "== translations (scripts/build-translations)"
  scripts/build-translations
elif compgen -G "i18n/*.ts" >/dev/null; then
  echo "== translations (pyside6-lrelease)"
  lrelease="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/pyside6-lrelease"
  [ -x "$lrelease" ] || lrelease="$(command -v pyside6-lrelease || true)"
  [ -n "$lrelease" ] || { echo "build: pyside6-lrelease not found (PySide6 installed?)" >&2; exit 1; }
  mkdir -p workbench/ui/translations
  for ts in i18n/*.ts; do
    "$lrelease" -silent "$ts" -qm "workbench/ui/translations/$(basename "$ts" .ts).qm"
  done
else
  echo "note: no i18n/*.ts and no scripts/build-translations: the build has English only" >&2
fi

echo "== pyinstaller"
started=$SECONDS
"$PYTHON" -m PyInstaller --noconfirm --clean \
  --distpath dist --workpath build/pyinstaller packaging/workbench.spec
echo "built in $((SECONDS - started)) s"

for out in dist/ShopWorkbench.app dist/ShopWorkbench; do
  if [ -e "$out" ]; then
    du -sh "$out"
  fi
done

# Linux: the .deb (menu entry, icons, AppStream metadata; installs into /opt/shop-workbench).
if [ "$(uname -s)" = Linux ] && command -v dpkg-deb >/dev/null; then
  echo "== .deb"
  "$PYTHON" packaging/linux_package.py dist/ShopWorkbench dist
fi
