#!/bin/sh
# Installs PA Books for this user only (no administrator rights): the app into ~/.local/share/pa-books, the
# `pabooks` command into ~/.local/bin, and a menu entry that opens .pabooks files. Run it from the unpacked
# folder: ./install.sh   To remove PA Books: ./install.sh --uninstall (your employer files, settings and backups
# are kept; they live in your own folders, not in the app's).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$data/pa-books" "$bin/pabooks" "$data/applications/pa-books.desktop" \
        "$data/mime/packages/pa-books-mime.xml" "$data/icons/hicolor/256x256/apps/pa-books.png"
    command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" || true
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
    echo "PA Books is removed. Your employer files, settings and backups are still where they were."
    exit 0
fi
mkdir -p "$data/pa-books" "$bin" "$data/applications" "$data/mime/packages" "$data/icons/hicolor/256x256/apps"
rm -rf "$data/pa-books/app"
cp -R "$here/pabooks" "$data/pa-books/app"
ln -sf "$data/pa-books/app/pabooks" "$bin/pabooks"
cp "$here/pa-books.desktop" "$data/applications/pa-books.desktop"
cp "$here/pa-books-mime.xml" "$data/mime/packages/pa-books-mime.xml"
cp "$here/pa-books.png" "$data/icons/hicolor/256x256/apps/pa-books.png"
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
echo "PA Books is installed: find it in your applications menu, or type pabooks."
