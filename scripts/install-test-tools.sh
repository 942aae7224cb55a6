#!/usr/bin/env bash
# Installs what the alert tests run: promtool and the Prometheus server (Debian's `prometheus`) and
# Alertmanager (`prometheus-alertmanager`). Does nothing when all three are already on the PATH.
set -euo pipefail

missing=()
for tool in promtool prometheus prometheus-alertmanager; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

echo "install-test-tools: missing ${missing[*]}; installing prometheus prometheus-alertmanager" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends prometheus prometheus-alertmanager
