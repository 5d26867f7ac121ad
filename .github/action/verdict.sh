#!/usr/bin/env bash
# The last step of action.yml: fails the job when secrets were found (unless fail-on-findings is false) or
# when the scan broke (exit code 2: a usage error, an unreadable file or a broken policy file).
set -euo pipefail
case "${EXIT_CODE:-}" in
  0) echo "Secret Hygiene: no secrets found" ;;
  1)
    echo "Secret Hygiene: ${FINDINGS:-some} secret(s) found"
    [ "${FAIL_ON_FINDINGS:-true}" != true ] || exit 1
    ;;
  *)
    echo "::error title=Secret Hygiene::the scan did not complete (exit code ${EXIT_CODE:-unknown}); see the scan step's log"
    exit 1
    ;;
esac
