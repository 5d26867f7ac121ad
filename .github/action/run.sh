#!/usr/bin/env bash
# The scan step of action.yml: scans the workspace (on a pull request only the lines it adds, --diff against
# the merge base with its base branch), writes SARIF, annotates each finding with a workflow command (masked
# values only) and sets the outputs sarif, findings and exit-code. It never fails for findings itself, so the
# SARIF upload runs; verdict.sh decides. Inputs come as INPUT_* variables (see action.yml).
set -euo pipefail
action_dir="${GITHUB_ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
cli="$action_dir/dist/cli.js"
# git with repository settings that could start programs turned off.
safe_git() { git -c core.fsmonitor=false -c core.hooksPath=/dev/null "$@"; }

if [ ! -f "$cli" ]; then
  # A release tag holds dist/; any other ref (a branch, a commit of main) is built first.
  echo "::group::Building Secret Hygiene (this ref is not a release tag)"
  (cd "$action_dir" && npm ci --no-audit --no-fund && node esbuild.mjs) >&2
  echo "::endgroup::"
fi

cd "${GITHUB_WORKSPACE:-$PWD}"
sarif="${INPUT_SARIF:-secret-hygiene.sarif}"
base="${INPUT_BASE:-}"
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  base="origin/$GITHUB_BASE_REF"
  if [ "$(safe_git rev-parse --is-shallow-repository)" = true ]; then
    echo "Secret Hygiene: the checkout is shallow; fetching history for the merge base (use fetch-depth: 0)" >&2
    safe_git fetch --quiet --no-tags --unshallow origin >&2 || true
  fi
  if ! safe_git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
    safe_git fetch --quiet --no-tags origin "+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF" >&2
  fi
fi

args=(scan "${INPUT_PATH:-.}" --format sarif --no-color)
[ -z "$base" ] || args+=(--diff "$base")
# Extra options are split on spaces like a command line (quotes are not interpreted).
read -r -a extra <<< "${INPUT_ARGS:-}"
mkdir -p "$(dirname "$sarif")"
status=0
node "$cli" "${args[@]}" "${extra[@]}" > "$sarif" || status=$?
echo "Secret Hygiene: ${args[*]} ${extra[*]} exited with $status" >&2

node "$action_dir/.github/action/annotate.mjs" "$sarif" "${INPUT_ANNOTATIONS:-true}"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "sarif=$sarif"; echo "exit-code=$status"; } >> "$GITHUB_OUTPUT"
fi
