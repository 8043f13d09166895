#!/usr/bin/env bash
# Installs a real VS Code (the VS Code server inside the npm package code-server, plus Debian's
# Chromium) into a git-ignored cache, for the extension-host and UI tests. Idempotent: a second run
# with the cache present does nothing. See ../shared/notes/vscode-e2e.md for why each step exists.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${KUBEWARD_VSCODE_CACHE:-$ROOT/.vscode-test}"
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
VSCODE="$CACHE/node_modules/code-server/lib/vscode"
STAMP="$CACHE/.ready-$VERSION"

if [ -f "$STAMP" ]; then echo "vscode server: cached in $CACHE"; exit 0; fi

need_apt=()
for pkg in chromium ripgrep libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "apt: installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

mkdir -p "$CACHE"
echo "vscode server: installing code-server@$VERSION into $CACHE"
npm install --prefix "$CACHE" --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$VERSION" >/dev/null
cd "$VSCODE"
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
for m in node_modules/@parcel/watcher node_modules/@vscode/spdlog node_modules/node-pty \
         node_modules/native-watchdog node_modules/kerberos; do
  if [ -f "$m/binding.gyp" ]; then (cd "$m" && npx --yes node-gyp rebuild >/dev/null 2>&1) || { echo "node-gyp failed in $m"; exit 1; }; fi
done
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
touch "$STAMP"
echo "vscode server: ready"
