# Shared by scripts/run and scripts/test: a .venv with the project installed, re-installed only when
# pyproject.toml changes. Usage: ensure_venv "" (runtime) or ensure_venv dev (runtime + dev tools).

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  echo "error: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)." >&2
  return 1
}

ensure_venv() {
  local extras="$1" spec="." stamp hash python
  [ -n "$extras" ] && spec=".[$extras]"
  hash=$(sha256sum pyproject.toml | cut -c1-16)
  stamp=".venv/.installed-${extras:-runtime}-$hash"
  # A dev install also satisfies the runtime one.
  if [ -f "$stamp" ] || { [ -z "$extras" ] && [ -f ".venv/.installed-dev-$hash" ]; }; then
    return 0
  fi
  if [ ! -x .venv/bin/python ]; then
    python=$(find_python) || return 1
    echo "==> creating .venv with $python"
    "$python" -m venv .venv
  fi
  echo "==> installing the project into .venv (${extras:-runtime} dependencies)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
  rm -f .venv/.installed-*
  touch "$stamp"
}
