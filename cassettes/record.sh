#!/usr/bin/env bash
# Re-record every cassette from the real embedded llama.cpp server (bundled SmolLM2-135M).
# Needs the [local] extra; takes a few minutes on 2 CPU cores. Review the diff before committing:
# the tiny model's answers change whenever the prompt, the schema or llama.cpp changes.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python}"
# Start from nothing, so a cassette whose test was renamed or removed does not linger.
rm -f cassettes/*.yaml
exec "$python" -m pytest tests/test_cassettes.py --record-mode=all -p no:cacheprovider -q "$@"
