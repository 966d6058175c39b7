#!/bin/sh
# Per-user install of the Linux bundle (dist/klasse-desktop-linux.tar.gz):
#   sh install.sh klasse-desktop-linux.tar.gz
# Installs into ~/.local/share/klasse-desktop, a launcher in ~/.local/bin, the menu
# entry and icons. The user's data (~/.local/share/KlasseDesktop) is not touched.
set -eu
archive=${1:?usage: sh install.sh klasse-desktop-linux.tar.gz}
here=$(cd "$(dirname "$0")" && pwd)
prefix=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$prefix/klasse-desktop" "$HOME/.local/bin" "$prefix/applications"
tar -xzf "$archive" -C "$prefix"
ln -sf "$prefix/klasse-desktop/klasse-desktop" "$HOME/.local/bin/klasse-desktop"
cp "$here/klasse-desktop.desktop" "$prefix/applications/"
for size in 16 24 32 48 64 128 256 512; do
  icon="$here/../../build/icons/klasse-desktop-$size.png"
  if [ -f "$icon" ]; then
    mkdir -p "$prefix/icons/hicolor/${size}x${size}/apps"
    cp "$icon" "$prefix/icons/hicolor/${size}x${size}/apps/klasse-desktop.png"
  fi
done
echo "Klasse Desktop installed; start it from the menu or with: klasse-desktop"
