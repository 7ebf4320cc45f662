#!/usr/bin/env bash
# Build, type-check, lint, unit-test, package and check the VS Code extension (needs Node 20+, npm).
set -euo pipefail
cd "$(dirname "$0")/../editors/vscode"
npm ci
npm run ci
