import { defineRule } from '../src/rule.js';
import { movingUrl } from '../src/model/downloads.js';

export default defineRule({
  id: 'remote-add',
  title: 'Dockerfile ADD from a URL without a checksum',
  severity: 'note',
  securitySeverity: 3.5,
  precision: 'very-high',
  dimension: 'supply-chain',
  tags: ['security', 'supply-chain', 'CWE-494'],
  docs: `A Dockerfile \`ADD\` fetches a file from an \`http(s)://\` URL (or a git repository) without \`--checksum=sha256:…\`.

A URL that moves (\`…/releases/latest/download/…\`, a branch's raw file) is reported by \`unpinned-package-install\` instead, as a warning, so the download is one finding (0.2).

## Why it matters
The image gets whatever the server returns at build time; nothing notices when the file changes. \`ADD --checksum\` (BuildKit, Dockerfile syntax 1.6+) makes the build fail instead.

## How to fix
Before:
\`\`\`dockerfile
ADD https://github.com/example/tool/releases/download/v1.2.3/tool.tar.gz /tmp/
\`\`\`
After:
\`\`\`dockerfile
ADD --checksum=sha256:<digest> https://github.com/example/tool/releases/download/v1.2.3/tool.tar.gz /tmp/
\`\`\``,
  check(model, report) {
    for (const d of model.dockerfiles) {
      for (const c of d.copies) {
        if (c.keyword !== 'ADD' || c.flags.has('checksum')) continue;
        for (const s of c.sources) {
          // A moving URL (`…/releases/latest/download/…`) is unpinned-package-install's finding, a warning: one finding.
          if (/^(?:https?|git):\/\/|^git@|\.git(?:#|$)/i.test(s.value) && !movingUrl(s.value)) {
            report(s.loc, `ADD fetches ${s.value} at build time without --checksum: a changed or compromised download goes into the image unnoticed. Add --checksum=sha256:<digest> (or download and verify in a RUN step).`);
          }
        }
      }
    }
  },
});
