#!/usr/bin/env bash
# Publishes SessionLab as a framework-dependent app (server + built browser app) into a folder, ready to copy to a host.
# Usage: infra/publish.sh [output-folder]   (default: artifacts/sessionlab)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
output=${1:-"$root/artifacts/sessionlab"}
dotnet publish "$root/src/SessionLab.Server/SessionLab.Server.csproj" -c Release -o "$output" -nologo
echo "Published to $output. Start it with: dotnet $output/sessionlab.dll --urls http://127.0.0.1:5080 --Storage:DataDirectory=/var/lib/sessionlab"
