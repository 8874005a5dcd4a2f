import { defineRule } from '../src/rule.js';
import { actor, hardeningApplies } from '../src/model/agent-container.js';

export default defineRule({
  id: 'resource-limits-missing',
  title: 'No memory or process limit',
  severity: 'note',
  securitySeverity: 2.0,
  precision: 'high',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-770'],
  docs: `The container has no memory limit (\`mem_limit\`, \`deploy.resources.limits.memory\`, \`--memory\`/\`-m\`) or no process limit (\`pids_limit\`, \`deploy.resources.limits.pids\`, \`--pids-limit\`).

## Why it matters
A runaway or hostile agent can fork-bomb or exhaust memory and take the host down with it. Anthropic's hardened example sets \`--memory 2g --pids-limit 100\`.

## How to fix
Before:
\`\`\`sh
docker run agent-image
\`\`\`
After:
\`\`\`sh
docker run --memory 2g --pids-limit 256 agent-image
\`\`\``,
  check(model, report) {
    for (const l of model.launches) {
      const missing = [!l.memoryLimit && 'memory', !l.pidsLimit && 'process (pids)'].filter(Boolean);
      if (missing.length === 0 || !hardeningApplies(model, l)) continue;
      report(l.anchor, `${l.name} has no ${missing.join(' or ')} limit: ${actor(model, l) === 'the agent' ? 'a runaway agent' : 'a runaway process'} can exhaust the host. Add ${[!l.memoryLimit && 'mem_limit / --memory', !l.pidsLimit && 'pids_limit / --pids-limit'].filter(Boolean).join(' and ')}.`);
    }
  },
});
