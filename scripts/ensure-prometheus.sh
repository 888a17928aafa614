#!/usr/bin/env bash
# Makes sure `prometheus` and `promtool` are on PATH, installing Debian's `prometheus` package when
# they are missing (the machine has no Docker; the package brings both binaries). Prints the
# version on success; on failure exits 1 with one line saying what to do.
#   scripts/ensure-prometheus.sh
# Environment: PROMETHEUS_BIN / PROMTOOL_BIN name other binaries (e.g. an unpacked release).
set -euo pipefail

prometheus_bin="${PROMETHEUS_BIN:-prometheus}"
promtool_bin="${PROMTOOL_BIN:-promtool}"

have() { command -v "$prometheus_bin" >/dev/null 2>&1 && command -v "$promtool_bin" >/dev/null 2>&1; }

if ! have; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-prometheus: prometheus/promtool not found and no apt-get; install Prometheus 2.42+ and put prometheus and promtool on PATH (or set PROMETHEUS_BIN and PROMTOOL_BIN)" >&2
    exit 1
  fi
  as_root=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then as_root=(sudo -n); else
      echo "ensure-prometheus: prometheus/promtool not found; run as root: apt-get update && apt-get install -y prometheus" >&2
      exit 1
    fi
  fi
  echo "ensure-prometheus: installing Debian's prometheus package (prometheus and promtool)" >&2
  # The package's service is not started here: no init system runs it in this environment, and
  # Hookstream starts its own Prometheus with its own port and data folder.
  if ! { "${as_root[@]}" apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends prometheus; } >&2; then
    echo "ensure-prometheus: apt-get install prometheus failed; see the output above" >&2
    exit 1
  fi
  have || { echo "ensure-prometheus: the prometheus package installed but prometheus/promtool are not on PATH" >&2; exit 1; }
fi
"$promtool_bin" --version 2>&1 | head -n1
