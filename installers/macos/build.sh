#!/bin/sh
# Builds PA Books for macOS: `PA Books.app` (PyInstaller, installers/pabooks.spec, which declares the .pabooks
# file type) in a disk image. Run on a Mac from the repository, with Python 3.11+:
#     sh installers/macos/build.sh
# Output: build/PA-Books-<version>-macos.dmg. The smoke test runs on the frozen app first. The app is not
# signed or notarised: on first open, Control-click it and choose Open (see installers/README.md).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
[ -d .venv ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet -e '.[bundle]' pillow
version=$(.venv/bin/python -c 'import app; print(app.__version__)')
.venv/bin/python -m PyInstaller --noconfirm --clean --distpath build/dist --workpath build/work installers/pabooks.spec
.venv/bin/python installers/smoke_test.py build/dist/pabooks/pabooks
rm -rf build/dmg && mkdir -p build/dmg
cp -R "build/dist/PA Books.app" build/dmg/
ln -s /Applications build/dmg/Applications
hdiutil create -volname "PA Books" -srcfolder build/dmg -ov -format UDZO "build/PA-Books-$version-macos.dmg"
echo "Built build/PA-Books-$version-macos.dmg"
