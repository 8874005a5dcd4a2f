#!/usr/bin/env bash
# Starts Claude Code in a throwaway container "for safety".
set -euo pipefail
docker run -it --rm \
  -v "$HOME":/home/node \
  -v "$(pwd)":/workspace \
  -e AWS_SECRET_ACCESS_KEY \
  --pid=host \
  node:20 \
  npx -y @anthropic-ai/claude-code --dangerously-skip-permissions
