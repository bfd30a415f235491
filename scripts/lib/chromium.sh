# Shared by scripts/test and scripts/tour: a Chromium for Playwright (Debian's package; Playwright's own
# browser download does not work on a closed network). Usage: ensure_chromium (exports CHROMIUM_PATH).

ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return 0; fi
  if command -v chromium >/dev/null 2>&1; then
    export CHROMIUM_PATH; CHROMIUM_PATH=$(command -v chromium); return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    export CHROMIUM_PATH=/usr/bin/chromium
    return 0
  fi
  cat >&2 <<'MSG'
error: the browser tests need Chromium and none was found.
  Debian/Ubuntu: sudo apt-get install chromium
  elsewhere:     install Chromium or Chrome and set CHROMIUM_PATH=/path/to/the/binary
MSG
  return 1
}
