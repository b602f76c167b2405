#!/usr/bin/env bash
# Runs the Go half of the conformance suite in GOPATH mode against Debian's
# snapd source (package golang-github-snapcore-snapd-dev).
#
#   run.sh sign DIR    write snapd-signed cases and manifest.json into DIR
#   run.sh check DIR   check the cases in DIR (written by the Java codec) with
#                      snapd; prints "conformance: N passed, M failed"
#
# GOCACHE defaults to target/go-cache beside this script.
set -euo pipefail

go_dir="$(cd "$(dirname "$0")" && pwd)"
snapd_gopath=/usr/share/gocode

usage() {
    echo "usage: $0 sign DIR | check DIR" >&2
    exit 2
}

[ $# -eq 2 ] || usage

if ! command -v go >/dev/null; then
    echo "$0: go not found: install the Debian package golang-go" >&2
    exit 1
fi
if [ ! -d "$snapd_gopath/src/github.com/snapcore/snapd/asserts" ]; then
    echo "$0: snapd's source is missing from $snapd_gopath: install golang-github-snapcore-snapd-dev" >&2
    exit 1
fi

export GO111MODULE=off
export GOPATH="$go_dir:$snapd_gopath"
export GOCACHE="${GOCACHE:-$go_dir/target/go-cache}"
mkdir -p "$GOCACHE"

case "$1" in
    sign)
        exec go run modelservice/conformance/cmd/snapdsign -out "$2"
        ;;
    check)
        if [ ! -d "$2" ]; then
            echo "$0: case folder $2 not found: give the folder that contains manifest.json" >&2
            exit 1
        fi
        # -count=1: the verdict depends on the files in DIR, so a cached test
        # result must never be reused.
        JAVA_MADE_DIR="$(cd "$2" && pwd)" exec go test -count=1 -v modelservice/conformance/check
        ;;
    *)
        usage
        ;;
esac
