#!/usr/bin/env bash
# End to end: the real pre-commit installs this repository as a hook (`pre-commit try-repo`) and runs it on a
# throwaway git repository: it must fail on a risky file, print the finding, and pass on a clean one.
# Needs git, node/npm on PATH, pre-commit (Debian: apt-get install pre-commit) and the npm registry
# (pre-commit runs npm install in its copy of the hook repository).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
command -v pre-commit >/dev/null || { echo "pre-commit is not installed (apt-get install -y pre-commit)" >&2; exit 1; }
echo "pre-commit $(pre-commit --version | awk '{print $2}'), node $(node --version), npm $(npm --version)"
pre-commit validate-manifest "$repo/.pre-commit-hooks.yaml"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"   # a fresh hook install every time
export NO_COLOR=1
git_q() { git -c user.name=e2e -c user.email=e2e@example.invalid -c commit.gpgsign=false "$@"; }

# try-repo clones HEAD plus staged and tracked-modified files. In a clone (CI) the hook files are tracked; in a
# working tree where they are still new, test a snapshot of the tracked and untracked (not ignored) files instead.
hook_repo="$repo"
if ! git -C "$repo" ls-files --error-unmatch .pre-commit-hooks.yaml dist/cli.js >/dev/null 2>&1; then
  hook_repo="$work/hook-repo"
  echo "hook files are not tracked yet: testing a snapshot of the working tree in $hook_repo"
  mkdir -p "$hook_repo"
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
     [ -e "$f" ] && { mkdir -p "$hook_repo/$(dirname "$f")"; cp -p "$f" "$hook_repo/$f"; }
   done)
  git_q -C "$hook_repo" init -q && git_q -C "$hook_repo" add -A && git_q -C "$hook_repo" commit -qm snapshot
fi

fail() { echo "FAIL: $*" >&2; exit 1; }

# A consumer repository: a risky devcontainer (its compose file is read from disk though only
# devcontainer.json is passed), a risky extensionless script, and a clean compose file.
consumer="$work/consumer"
mkdir -p "$consumer/.devcontainer" "$consumer/bin" "$consumer/clean"
cd "$consumer"
git_q init -q
cat > .devcontainer/devcontainer.json <<'JSON'
{
  // the agent's dev container
  "name": "agent",
  "dockerComposeFile": "compose.yaml",
  "service": "agent",
  "workspaceFolder": "/workspace"
}
JSON
cat > .devcontainer/compose.yaml <<'YAML'
services:
  agent:
    image: node:20@sha256:0000000000000000000000000000000000000000000000000000000000000000
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
YAML
cat > bin/run-agent <<'SH'
#!/usr/bin/env bash
docker run --rm --privileged node:20 true
SH
chmod +x bin/run-agent
cat > clean/compose.yaml <<'YAML'
services:
  agent:
    image: node:20@sha256:0000000000000000000000000000000000000000000000000000000000000000
    user: "1000:1000"
    read_only: true
    cap_drop: [ALL]
    security_opt: [no-new-privileges:true]
    network_mode: none
    mem_limit: 2g
    pids_limit: 256
YAML
printf 'just text\n' > NOTES
git_q add -A

run_hook() { # hook-id try-repo-args... → output in $out, exit status in $rc
  local id="$1"; shift
  set +e
  out="$(pre-commit try-repo "$hook_repo" "$id" --verbose "$@" 2>&1)"
  rc=$?
  set -e
  printf '%s\n' "$out" | sed 's/^/    /'
}

echo "--- the clean file must pass"
run_hook agent-sandbox-lint --files clean/compose.yaml NOTES
[ "$rc" -eq 0 ] || fail "hook failed on the clean file (exit $rc)"
grep -q 'agent-sandbox-lint.*Passed' <<<"$out" || fail "no 'Passed' line for the clean file"

echo "--- the risky files must fail with their findings (the devcontainer's compose file is read from disk;"
echo "    the extensionless script is selected by the hook and recognised by its shebang)"
run_hook agent-sandbox-lint --files .devcontainer/devcontainer.json bin/run-agent
[ "$rc" -eq 1 ] || fail "hook did not fail on the risky files (exit $rc)"
grep -q 'agent-sandbox-lint.*Failed' <<<"$out" || fail "no 'Failed' line for the risky files"
grep -q 'docker-socket-mount' <<<"$out" || fail "the docker-socket-mount finding is not in the output"
grep -q '\.devcontainer/compose\.yaml' <<<"$out" || fail "the finding does not name .devcontainer/compose.yaml"
grep -q 'privileged-container' <<<"$out" || fail "the privileged-container finding of bin/run-agent is not in the output"

echo "--- the whole-repository hook: fails on the risky files, does not report the clean one"
run_hook agent-sandbox-lint-repo --all-files
[ "$rc" -eq 1 ] || fail "agent-sandbox-lint-repo did not fail (exit $rc)"
grep -q 'docker-socket-mount' <<<"$out" || fail "agent-sandbox-lint-repo: docker-socket-mount missing"
grep -q 'bin/run-agent' <<<"$out" || fail "agent-sandbox-lint-repo: bin/run-agent not reported"
if grep -q 'clean/compose\.yaml' <<<"$out"; then fail "agent-sandbox-lint-repo: the clean file was reported"; fi

echo "pre-commit e2e: ok"
