#!/usr/bin/env bash
# Same as 'infra/kafka/kafka.sh stop' (see kafka.sh for the environment variables).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/kafka.sh" stop "$@"
