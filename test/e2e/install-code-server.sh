#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 server + web UI) offline-safe on Node 20, cached by version.
# Only the npm registry and Debian packages are used. Usage: install-code-server.sh [CACHE_ROOT]
# Prints the install directory on its last line; a second run with the same version returns at once.
set -euo pipefail
CS_VERSION=${CS_VERSION:-4.100.3}   # newest code-server whose engines.node accepts Node 20 (4.103+ need 22)
ROOT=${1:-${SECRET_HYGIENE_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/secret-hygiene-e2e}}
DEST="$ROOT/code-server-$CS_VERSION"
if [ -f "$DEST/.complete" ]; then echo "$DEST"; exit 0; fi

export npm_config_nodedir=/usr      # node-gyp: use /usr/include/node instead of downloading headers
export npm_config_yes=true          # node-pty's postinstall runs `npx node-gyp ...`
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
T0=$(date +%s)
step() { echo "[install-code-server +$(( $(date +%s) - T0 ))s] $*" >&2; }

for tool in rg g++ make python3 pkg-config; do command -v "$tool" >/dev/null || { echo "missing $tool: run .ci/run or apt-get install -y ripgrep build-essential python3 pkg-config libkrb5-dev" >&2; exit 1; }; done
dpkg -s libkrb5-dev >/dev/null 2>&1 || { echo "missing libkrb5-dev (needed to build kerberos.node): apt-get install -y libkrb5-dev" >&2; exit 1; }

# Build in a scratch folder next to the cache and move it in place only when complete, so an interrupted
# install never leaves a half-built cache behind.
BUILD="$ROOT/.build-$CS_VERSION-$$"
rm -rf "$BUILD" && mkdir -p "$BUILD" && cd "$BUILD"
trap 'rm -rf "$BUILD"' EXIT
echo '{"name":"code-server-host","private":true}' > package.json
step "npm install code-server@$CS_VERSION --ignore-scripts (its postinstall fails offline and under npm 11)"
npm install --no-save --ignore-scripts --loglevel=error "code-server@$CS_VERSION" >/dev/null
step "build argon2 from source (its prebuilt binary would be downloaded from GitHub)"
npm rebuild argon2 >/dev/null 2>&1

VS="$BUILD/node_modules/code-server/lib/vscode"
cd "$VS"
step "lib/vscode: npm install --omit=dev --ignore-scripts"
npm install --omit=dev --ignore-scripts --loglevel=error >/dev/null
step "lib/vscode: rebuild native modules with node-gyp"
npm rebuild @parcel/watcher @vscode/deviceid @vscode/spdlog kerberos native-watchdog node-pty >/dev/null 2>&1 || {
  # node-pty's postinstall only generates compile_commands.json; pty.node is what matters
  test -f node_modules/node-pty/build/Release/pty.node || { echo "native rebuild failed" >&2; exit 1; }; }
step "ripgrep: Debian's rg instead of @vscode/ripgrep's GitHub download"
mkdir -p node_modules/@vscode/ripgrep/bin && cp -f "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
step "the rest of code-server's postinstall: symlinks and built-in extensions' dependencies"
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --loglevel=error >/dev/null)
for m in node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node native-watchdog/build/Release/watchdog.node kerberos/build/Release/kerberos.node; do
  test -f "node_modules/$m" || { echo "missing $m after the build" >&2; exit 1; }; done
# XDG_CONFIG_HOME: code-server writes a default config file there, which must not land in the home folder
XDG_CONFIG_HOME="$BUILD/.xdg" "$BUILD/node_modules/.bin/code-server" --version >&2 && rm -rf "$BUILD/.xdg"
cd "$ROOT"
rm -rf "$DEST" && mv "$BUILD" "$DEST" && touch "$DEST/.complete"
trap - EXIT
step "installed in $DEST ($(du -sh "$DEST" | cut -f1))"
echo "$DEST"
