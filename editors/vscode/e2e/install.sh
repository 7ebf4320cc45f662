#!/usr/bin/env bash
# Install the pinned code-server (VS Code 1.100.3 in a browser) for the end-to-end test, once per
# package-lock.json. Needs Node 20 (code-server 4.100.3 is the newest that runs on it), a C++
# toolchain, Debian's libkrb5-dev (a native module) and ripgrep (see below).
set -euo pipefail
cd "$(dirname "$0")"

stamp=node_modules/.installed-from
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub, which may be unreachable; it first looks
# in its cache folder, so seed that with the system's ripgrep (rg 13, the version it pins).
# 1.15.11: the @vscode/ripgrep that code-server 4.100.3's lib/vscode/npm-shrinkwrap.json pins.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_asset="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$rg_asset" ] && command -v rg >/dev/null 2>&1; then
  mkdir -p "$rg_cache"
  tar czf "$rg_asset" -C "$(dirname "$(readlink -f "$(command -v rg)")")" rg
fi

# As root, code-server's postinstall insists on unsafe-perm; node-gyp builds against the
# installed Node's headers instead of downloading them.
export npm_config_unsafe_perm=true npm_config_yes=true
[ -d /usr/include/node ] && export npm_config_nodedir=/usr
npm ci --no-audit --no-fund
cp package-lock.json "$stamp"
