#!/usr/bin/env bash
# Memory of the in-memory token index (LiveTokenHashes): one Long per token in a
# ConcurrentHashMap key set, as the server holds it. Prints MB and bytes per token.
# Usage: bench/live-token-hashes.sh [tokens]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")"
java -Xmx2g LiveTokenHashesMemory.java "${1:-1000000}"
