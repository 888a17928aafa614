# shellcheck shell=bash
# Sourced by ./hookstream and .ci/run: puts Node 24 and pnpm on PATH.
# The machine's own Node may be older (Node 20 is end-of-life), so when `node` is not v24 we
# install the npm registry's `node` package (a real Node binary) and pnpm into .toolchain/,
# which is git-ignored and reused on later runs.
HOOKSTREAM_NODE_VERSION="${HOOKSTREAM_NODE_VERSION:-24.21.0}"
HOOKSTREAM_PNPM_VERSION="${HOOKSTREAM_PNPM_VERSION:-10.34.8}"

hookstream_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolchain_bin="$hookstream_root/.toolchain/node_modules/.bin"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$toolchain_bin/node" ]; then
  export PATH="$toolchain_bin:$PATH"
fi

if [ "$(node_major)" != "24" ] || ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$HOOKSTREAM_PNPM_VERSION" ]; then
  echo "==> installing Node $HOOKSTREAM_NODE_VERSION and pnpm $HOOKSTREAM_PNPM_VERSION into .toolchain/ (one time)"
  mkdir -p "$hookstream_root/.toolchain"
  # A package.json of its own stops npm from walking up into the workspace root.
  [ -f "$hookstream_root/.toolchain/package.json" ] || echo '{"private":true}' >"$hookstream_root/.toolchain/package.json"
  npm install --prefix "$hookstream_root/.toolchain" --no-save --no-audit --no-fund --loglevel=error \
    "node@$HOOKSTREAM_NODE_VERSION" "pnpm@$HOOKSTREAM_PNPM_VERSION" >/dev/null
  export PATH="$toolchain_bin:$PATH"
fi

if [ "$(node_major)" != "24" ]; then
  echo "error: could not put Node 24 on PATH (found $(node --version 2>/dev/null || echo none))" >&2
  return 1 2>/dev/null || exit 1
fi
# pnpm must not try to fetch its own Node or a different pnpm at run time.
export COREPACK_ENABLE_STRICT=0
