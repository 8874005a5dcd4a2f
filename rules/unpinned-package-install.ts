import { defineRule } from '../src/rule.js';
import { installedPackages, isExactVersion } from '../src/model/packages.js';

export default defineRule({
  id: 'unpinned-package-install',
  title: 'Tool installed without a pinned version',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  tags: ['security', 'supply-chain', 'CWE-494'],
  docs: `A global or tool install takes whatever version the registry serves: \`npm install -g pkg\` (also \`npm i -g\`, \`pnpm add -g\`, \`yarn global add\`, \`bun add -g\`), \`pip install pkg\` (also \`python -m pip\`, \`uv pip install\`), \`pipx install pkg\`, \`uv tool install pkg\`, in a Dockerfile, a script or a lifecycle command. Exact versions (\`pkg@1.2.3\`, \`pkg==1.2.3\`), a version from a Dockerfile \`ARG\` with a pinned default, requirement files (\`-r requirements.txt\`), lockfile installs (\`npm ci\`), local paths and \`--require-hashes\` do not fire.

## Why it matters
An image or a dev container built twice from the same files gets different code, and a compromised release lands in the agent's sandbox at the next build. The seed guide's own Dockerfile does \`RUN npm install -g @anthropic-ai/claude-code\`.

## How to fix
Before:
\`\`\`dockerfile
RUN npm install -g @anthropic-ai/claude-code
\`\`\`
After:
\`\`\`dockerfile
ARG CLAUDE_CODE_VERSION=2.1.260
RUN npm install -g @anthropic-ai/claude-code@\${CLAUDE_CODE_VERSION}
\`\`\`
For Python, pin with \`==\` or install from a hashed requirements file.`,
  check(model, report) {
    for (const c of model.commands) {
      for (const p of installedPackages(c)) {
        if (p.unknown || isExactVersion(p.version) || (p.ecosystem === 'pypi' && p.version)) continue;
        report(p.word.loc, `${p.tool} ${p.word.text} installs ${p.version ? `${p.version}, which is not one exact version` : 'whatever version is newest'} (${c.source}): the next build can pull a different or compromised release into the sandbox. Pin an exact version (${p.name}${p.ecosystem === 'npm' ? '@' : '=='}<x.y.z>).`);
      }
    }
  },
});
