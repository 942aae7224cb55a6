#!/usr/bin/env bash
# Writes the operator's software bill of materials (CycloneDX 1.7, JSON) to <dir>/bom.json: every NuGet package the
# operator's build resolves, transitive ones too, with its version, SHA-512 hash, licence and package URL. The release
# image carries it at /app/sbom/bom.json (Dockerfile). The tool is the CycloneDX .NET tool pinned in .config/dotnet-tools.json.
set -euo pipefail
out="${1:?usage: scripts/sbom.sh <output directory>}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet dotnet-CycloneDX src/WindowsNodeOperator/WindowsNodeOperator.csproj --configuration Release \
  --output-format Json --filename bom.json --output "$out" --set-name windows-node-operator >/dev/null
echo "$out/bom.json"
