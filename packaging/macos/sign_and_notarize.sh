#!/usr/bin/env bash
# Sign, notarize and staple a macOS build: the .app, or the .dmg made from it.
#
#   packaging/macos/sign_and_notarize.sh [--sign-only] PATH    (PATH: ShopWorkbench.app or .dmg)
#
# Each step runs only when its setting is there, and says so when it is skipped, so the same
# command works on a developer's Mac with nothing set up (it does nothing but tell):
#
#   MACOS_SIGN_IDENTITY    codesign identity, e.g. "Developer ID Application: Name (TEAMID)";
#                          without it nothing is signed, and an unsigned build is not notarized.
#   MACOS_NOTARY_PROFILE   keychain profile of notarytool's credentials, made once with
#                          `xcrun notarytool store-credentials PROFILE --apple-id … --team-id …`;
#                          without it the notarization and stapling are skipped.
#   MACOS_NOTARY_KEYCHAIN  (optional) the keychain holding that profile, if not the default one.
#
# The release workflow runs it twice: --sign-only on the .app, then (after make_dmg.sh) on the
# .dmg, which is signed, submitted (Apple checks the app inside it too) and stapled.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

sign_only=0
if [ "${1:-}" = "--sign-only" ]; then
  sign_only=1
  shift
fi
target="${1:?usage: sign_and_notarize.sh [--sign-only] PATH/TO/ShopWorkbench.app|.dmg}"
if [ ! -e "$target" ]; then
  echo "sign_and_notarize: $target not found" >&2
  exit 1
fi

# 1. codesign --------------------------------------------------------------------------------
if [ -z "${MACOS_SIGN_IDENTITY:-}" ]; then
  echo "skip signing: MACOS_SIGN_IDENTITY is not set (the build stays unsigned;" \
       "Gatekeeper will warn users, and it cannot be notarized)"
  exit 0
fi
echo "== codesign $target"
case "$target" in
  *.app)
    # Hardened runtime (--options runtime) is required for notarization. entitlements.plist
    # holds its two exceptions a frozen Python app needs: allow-unsigned-executable-memory
    # (ctypes callbacks, used by keyring's Keychain backend) and disable-library-validation (the
    # interpreter loads the bundle's extension modules and Qt libraries from the bundle).
    codesign --force --deep --timestamp --options runtime \
      --entitlements "$here/entitlements.plist" \
      --sign "$MACOS_SIGN_IDENTITY" "$target"
    ;;
  *)
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$target"
    ;;
esac
codesign --verify --strict --verbose=2 "$target"

if [ "$sign_only" = 1 ]; then
  exit 0
fi

# 2. notarize ----------------------------------------------------------------------------------
if [ -z "${MACOS_NOTARY_PROFILE:-}" ]; then
  echo "skip notarization and stapling: MACOS_NOTARY_PROFILE is not set"
  exit 0
fi
keychain_args=()
if [ -n "${MACOS_NOTARY_KEYCHAIN:-}" ]; then
  keychain_args=(--keychain "$MACOS_NOTARY_KEYCHAIN")
fi
submission="$target"
if [ -d "$target" ]; then  # an .app is a folder: notarytool takes a zip of it
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  submission="$tmp/$(basename "$target").zip"
  ditto -c -k --keepParent "$target" "$submission"
fi
echo "== notarytool submit $submission (waits for Apple's answer)"
xcrun notarytool submit "$submission" --keychain-profile "$MACOS_NOTARY_PROFILE" \
  ${keychain_args[@]+"${keychain_args[@]}"} --wait --timeout 1h

# 3. staple ------------------------------------------------------------------------------------
# The ticket goes into the .app/.dmg itself, so Gatekeeper accepts it offline too.
echo "== stapler staple $target"
xcrun stapler staple "$target"
xcrun stapler validate "$target"
