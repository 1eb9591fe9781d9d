#!/bin/sh
# Fuzzes one harness for a bounded time, from its corpus in the repository.
#   run-fuzzer.sh FUZZER NAME SEED-CORPUS WORK-DIR SECONDS
# New inputs go to WORK-DIR/corpus-NAME (the repository's corpus is only
# read); a crash, a leak, an input slower than the timeout or bigger than
# the memory limit fails the test and leaves the input in
# WORK-DIR/crashes/NAME-*: add it to tests/fuzz/corpus/NAME/ as a
# regression input (fuzz-replay-NAME then replays it in every build).
# (libFuzzer's own error status, 77, would read as "skipped" to meson.)
set -u

fuzzer=$1
name=$2
seeds=$3
work=$4
seconds=$5

# A dictionary of the format's words, when there is one (publisher.dict
# serves the three publishers).
dict=$(dirname "$0")/$name.dict
case "$name" in mastodon|bluesky|webhook) dict=$(dirname "$0")/publisher.dict ;; esac
set --
[ -f "$dict" ] && set -- -dict="$dict"

mkdir -p "$work/corpus-$name" "$work/crashes"
"$fuzzer" "$work/corpus-$name" "$seeds" "$@" \
  -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -error_exitcode=1 \
  -artifact_prefix="$work/crashes/$name-" -print_final_stats=1
rc=$?
if [ "$rc" -ne 0 ]; then
  echo "fuzz-$name: failed (exit $rc); the input is in $work/crashes/ —" \
       "keep it in tests/fuzz/corpus/$name/ once it is fixed" >&2
fi
exit "$rc"
