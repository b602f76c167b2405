#!/usr/bin/env bash
# Proves the Go checker on the Go generator's own output before any Java-made
# case exists: every case must pass, and the check must fail on a tampered
# signature, a differing header, a missing manifest and a manifest without
# cases. Then proves the test store's command line on the generator's
# account-key-requests, and runs the Go tests of the store and the device
# client.
set -euo pipefail

go_dir="$(cd "$(dirname "$0")" && pwd)"
run="$go_dir/run.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() {
    echo "selftest: FAIL: $*" >&2
    exit 1
}

"$run" sign "$work/made"

echo "selftest: checking the generated cases"
"$run" check "$work/made" | tee "$work/check.log"
grep -Eq '^conformance: [1-9][0-9]* passed, 0 failed$' "$work/check.log" \
    || fail "the generated cases do not all pass"

# A valid case whose file now contains a tampered signature must fail.
cp -r "$work/made" "$work/damaged"
cp "$work/made/serial-signature-tampered.assert" "$work/damaged/serial-with-body.assert"
if "$run" check "$work/damaged" >"$work/damaged.log" 2>&1; then
    fail "the check passed a valid case whose signature was tampered with"
fi
grep -q -- '--- FAIL: TestConformance/serial-with-body ' "$work/damaged.log" \
    || fail "the damaged case is not the one reported as failed"
grep -Eq '^conformance: [0-9]+ passed, 1 failed$' "$work/damaged.log" \
    || fail "the summary does not count exactly one failed case"

# A valid case whose manifest expects another header value must fail.
cp -r "$work/made" "$work/other-header"
sed -i '0,/"serial": "G16-000123"/s//"serial": "G16-999999"/' "$work/other-header/manifest.json"
if "$run" check "$work/other-header" >"$work/other-header.log" 2>&1; then
    fail "the check passed a case whose expected serial header differs from the file"
fi
grep -q -- '--- FAIL: TestConformance/serial-with-body ' "$work/other-header.log" \
    || fail "the case with the other header value is not the one reported as failed"

mkdir "$work/no-manifest"
if "$run" check "$work/no-manifest" >"$work/no-manifest.log" 2>&1; then
    fail "the check passed a folder without manifest.json"
fi

mkdir "$work/no-cases"
echo '{"trusted": [], "known": [], "cases": []}' >"$work/no-cases/manifest.json"
if "$run" check "$work/no-cases" >"$work/no-cases.log" 2>&1; then
    fail "the check passed a manifest without cases"
fi

# The test store signs an account-key for snapd's account-key-request of its
# brand, and rejects the tampered one.
"$run" store init -dir "$work/store" -brand acme-devices -key-bits 2048 >/dev/null
"$run" store sign-account-key -dir "$work/store" -request "$work/made/account-key-request.assert" \
    -out "$work/store/line-3.account-key" >/dev/null \
    || fail "the store rejected a valid account-key-request"
grep -q '^type: account-key$' "$work/store/line-3.account-key" \
    || fail "the store wrote no account-key"
if "$run" store sign-account-key -dir "$work/store" -request "$work/made/account-key-request-header-tampered.assert" \
        -out "$work/store/tampered.account-key" >"$work/tampered.log" 2>&1; then
    fail "the store signed an account-key for a tampered account-key-request"
fi

echo "selftest: running the Go tests of the test store and the device client"
"$run" test >"$work/test.log" 2>&1 || { cat "$work/test.log"; fail "the Go tests failed"; }
grep -E '^(ok|FAIL|---)' "$work/test.log"

echo "selftest: passed: the generated cases pass; a tampered signature, a differing header, a missing manifest and an empty manifest fail; the store signs only a valid account-key-request; the store and device client tests pass"
