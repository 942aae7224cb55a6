#!/usr/bin/env bash
# Installs what the tests run, only what is missing: cfn-lint (the IAM policy's template), and for the alert tests
# promtool and the Prometheus server (Debian's `prometheus`) and Alertmanager (`prometheus-alertmanager`).
set -euo pipefail

# The IAM policy's tests judge its CloudFormation template with cfn-lint (a Python package).
if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "install-test-tools: missing cfn-lint; installing it with pip" >&2
  python3 -m pip install --quiet cfn-lint || echo "install-test-tools: pip could not install cfn-lint; the IAM policy tests will fail until it is installed" >&2
fi

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
