#!/bin/sh
# Builds the Linux bundle: a one-folder frozen app (PyInstaller, installers/pabooks.spec) in a tarball with
# its menu entry, file type, icon and a per-user installer, then smoke-tests the frozen app.
#   make bundle          (from the repository: makes the venv with PyInstaller, then runs this)
# Output: build/dist/pabooks/ and build/PA-Books-<version>-linux-<machine>.tar.gz
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
cd "$root"
version=$("$python" -c 'import app; print(app.__version__)')
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath build/dist --workpath build/work installers/pabooks.spec
name="PA-Books-$version-linux-$(uname -m)"
rm -rf "build/$name" && mkdir -p "build/$name"
cp -R build/dist/pabooks "build/$name/pabooks"
cp installers/linux/pa-books.desktop installers/linux/pa-books-mime.xml installers/linux/install.sh "build/$name/"
cp resources/icons/pabooks.png "build/$name/pa-books.png"
cp installers/linux/README.txt "build/$name/README.txt"
tar -C build -czf "build/$name.tar.gz" "$name"
echo "Built build/$name.tar.gz"
"$python" installers/smoke_test.py build/dist/pabooks/pabooks
