#!/usr/bin/env bash
# Same as 'infra/kafka/kafka.sh start' (see kafka.sh for the environment variables).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/kafka.sh" start "$@"
