#!/usr/bin/env bash
# Debian packages the real-editor tests need, installed only when missing (apt-get update at most once):
# chromium (drives code-server), neovim (second LSP client in npm test), pre-commit (test:release), and what building code-server's
# native modules offline takes (ripgrep, libkrb5-dev, a C++ toolchain). Fast when everything is there.
set -euo pipefail
# Toolchains test/lsp/compiledFixes.test.ts compiles and runs fixed files with: golang-go … default-jdk-headless.
PACKAGES=(chromium neovim ripgrep libkrb5-dev pkg-config build-essential python3 pre-commit golang-go php-cli mono-mcs mono-runtime rustc shellcheck ruby default-jdk-headless)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then echo "system packages: all present"; exit 0; fi
echo "system packages: installing ${missing[*]}"
SUDO=(); [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q >/dev/null
"${SUDO[@]}" apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
