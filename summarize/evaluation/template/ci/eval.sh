#!/bin/sh
# The eval as one shell line for any CI: replays the recordings in @@EVALS@@/cassettes offline
# and exits non-zero when the gate fails (9: a score under its floor; 12: a score regressed
# against the baseline; 13: a recording is stale: re-record with summarize eval --record-missing).
CI=1 summarize eval --evals @@EVALS@@ --markdown reports/eval.md
