#!/usr/bin/env bash
# Runs the Go half of the conformance suite in GOPATH mode against Debian's
# snapd source (package golang-github-snapcore-snapd-dev).
#
#   run.sh sign DIR        write snapd-signed cases and manifest.json into DIR
#   run.sh check DIR       check the cases in DIR (written by the Java codec) with
#                          snapd; prints "conformance: N passed, M failed"
#   run.sh store ARGS...   run snapdstore, the test store (init, sign-model,
#                          sign-account-key)
#   run.sh device ARGS...  run snapddevice, the device registration client
#   run.sh test            run the Go tests of the test store and the device
#                          client (the client against a fake device service);
#                          ends with "ok" per package, exits non-zero on a failure
#
# store and device build their program once into target/bin and rebuild it
# only when a Go source under src/ or snapd's asserts package is newer, so
# tests can call them many times, in parallel too.
# GOCACHE defaults to target/go-cache beside this script.
set -euo pipefail

go_dir="$(cd "$(dirname "$0")" && pwd)"
snapd_gopath=/usr/share/gocode

usage() {
    echo "usage: $0 sign DIR | check DIR | store ARGS... | device ARGS... | test" >&2
    exit 2
}

[ $# -ge 1 ] || usage

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

# build_program NAME builds cmd/NAME into target/bin/NAME unless that binary
# is newer than every source it depends on. A lock keeps parallel callers from
# building at once, and the binary is renamed into place so no caller runs a
# half-written file.
build_program() {
    local bin_dir="$go_dir/target/bin"
    local bin="$bin_dir/$1"
    mkdir -p "$bin_dir"
    (
        flock 9
        if [ -x "$bin" ] && [ -z "$(find "$go_dir/src" "$snapd_gopath/src/github.com/snapcore/snapd/asserts" \
                -name '*.go' -newer "$bin" -print -quit)" ]; then
            exit 0
        fi
        go build -o "$bin.tmp.$$" "modelservice/conformance/cmd/$1"
        mv -f "$bin.tmp.$$" "$bin"
    ) 9>"$bin_dir/.build.lock"
}

command="$1"
shift
case "$command" in
    sign)
        [ $# -eq 1 ] || usage
        exec go run modelservice/conformance/cmd/snapdsign -out "$1"
        ;;
    check)
        [ $# -eq 1 ] || usage
        if [ ! -d "$1" ]; then
            echo "$0: case folder $1 not found: give the folder that contains manifest.json" >&2
            exit 1
        fi
        # -count=1: the verdict depends on the files in DIR, so a cached test
        # result must never be reused.
        JAVA_MADE_DIR="$(cd "$1" && pwd)" exec go test -count=1 -v modelservice/conformance/check
        ;;
    store)
        build_program snapdstore
        exec "$go_dir/target/bin/snapdstore" "$@"
        ;;
    device)
        build_program snapddevice
        exec "$go_dir/target/bin/snapddevice" "$@"
        ;;
    test)
        [ $# -eq 0 ] || usage
        # -count=1: the tests start servers and make keys, a cached pass proves nothing.
        exec go test -count=1 -v modelservice/conformance/teststore modelservice/conformance/device \
            modelservice/conformance/cmd/snapddevice
        ;;
    *)
        usage
        ;;
esac
