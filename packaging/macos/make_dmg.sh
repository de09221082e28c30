#!/usr/bin/env bash
# Put dist/ShopWorkbench.app into a compressed disk image, dist/ShopWorkbench-<version>.dmg, with
# the usual /Applications link beside it so the user drags the app across. macOS only (hdiutil).
#
#   packaging/macos/make_dmg.sh [APP] [DMG]
#
# Sign the .app before this (packaging/macos/sign_and_notarize.sh --sign-only), and sign and
# notarize the .dmg after it: the DMG's contents cannot change once it is made.
set -euo pipefail
cd "$(dirname "$0")/../.."

app="${1:-dist/ShopWorkbench.app}"
if [ ! -d "$app" ]; then
  echo "make_dmg: $app not found; build it first (packaging/build.sh)" >&2
  exit 1
fi
version="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist")"
dmg="${2:-dist/ShopWorkbench-$version.dmg}"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
# ditto keeps symlinks, extended attributes and code signatures intact (cp -R may not).
ditto "$app" "$staging/$(basename "$app")"
ln -s /Applications "$staging/Applications"

rm -f "$dmg"
hdiutil create -volname "Shop Workbench" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"
echo "made $dmg"
du -h "$dmg"
