#!/usr/bin/env bash
# Runs a Prometheus of its own in the foreground, scraping the given Hookstream services and
# loading the alert rules of infra/prometheus/rules, until it gets SIGTERM/SIGINT.
#
#   scripts/prometheus.sh --target router=http://127.0.0.1:9464 --target delivery-worker=http://127.0.0.1:9465 \
#       [--port 9090] [--data DIR] [--scrape-interval 5s] [--retention 6h]
#
# --target NAME=URL   a service's base URL; NAME becomes its job and `service` label (repeatable;
#                     the same NAME again adds an instance to that job)
# --port              Prometheus listens on 127.0.0.1:PORT (default 9090)
# --data              its config and TSDB folder (default <repo>/.data/prometheus)
# --scrape-interval   how often each target is scraped and rules evaluated (default 5s)
# --retention         how long samples are kept, bounding the folder's size (default 6h)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port=9090
data="${HOOKSTREAM_DATA_DIR:-$root/.data}/prometheus"
interval=5s
retention=6h
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --target) targets+=("$2"); shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --scrape-interval) interval="$2"; shift 2 ;;
    --retention) retention="$2"; shift 2 ;;
    *) echo "prometheus.sh: unknown argument $1 (see the header of $0)" >&2; exit 64 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || { echo "prometheus.sh: give at least one --target NAME=URL" >&2; exit 64; }

bash "$root/scripts/ensure-prometheus.sh" >/dev/null
mkdir -p "$data"
config="$data/prometheus.yml"
{
  echo "# Written by scripts/prometheus.sh; rewritten on every start."
  echo "global: { scrape_interval: $interval, evaluation_interval: $interval }"
  echo "rule_files: [\"$root/infra/prometheus/rules/*.yml\"]"
  echo "scrape_configs:"
  # One job per NAME; a NAME given several times (several instances) is one job with several targets.
  declare -A hosts=()
  names=()
  for target in "${targets[@]}"; do
    name="${target%%=*}"
    url="${target#*=}"
    case "$url" in http://*) ;; *) echo "prometheus.sh: target $target: the URL must start with http://" >&2; exit 64 ;; esac
    hostport="${url#http://}"
    hostport="${hostport%%/*}"
    [ -n "${hosts[$name]:-}" ] || names+=("$name")
    hosts[$name]="${hosts[$name]:+${hosts[$name]}, }\"$hostport\""
  done
  for name in "${names[@]}"; do
    echo "  - job_name: $name"
    echo "    static_configs: [{ targets: [${hosts[$name]}], labels: { service: $name } }]"
  done
} >"$config"
prometheus_bin="${PROMETHEUS_BIN:-prometheus}"
echo "prometheus.sh: http://127.0.0.1:$port (config $config)" >&2
exec "$prometheus_bin" \
  --config.file="$config" \
  --storage.tsdb.path="$data/tsdb" \
  --storage.tsdb.retention.time="$retention" \
  --web.listen-address="127.0.0.1:$port" \
  --log.level=warn
