import { defineRule } from '../src/rule.js';
import { programOf, shellScriptArg, type Command } from '../src/model/command.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'http', 'https', 'aria2c', 'iwr', 'Invoke-WebRequest']);
const INTERPRETERS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'python', 'python3', 'node', 'perl', 'ruby', 'php', 'pwsh', 'iex', 'source', '.', 'eval']);
/** `python3.12`, `python3.11`, `ruby3.2`, `php8.2`: the same interpreters, named by version. */
const VERSIONED_INTERPRETER = /^(?:python|ruby|php|perl|node)\d+(?:\.\d+)*$/;

function isInterpreter(prog: string): boolean {
  return INTERPRETERS.has(prog) || VERSIONED_INTERPRETER.test(prog);
}

const FETCH_IN_SUBSTITUTION = /(?:<\(|\$\(|`)\s*(?:sudo\s+)?(?:curl|wget|fetch)\b/;
const FETCHED_SCRIPT = /^\s*["']?(?:\$\(|`)\s*(?:sudo\s+)?(?:curl|wget|fetch)\b/;

function span(from: Command, to: Command) {
  return { file: from.loc.file, start: from.loc.start, end: to.loc.end };
}

export default defineRule({
  id: 'remote-script-execution',
  title: 'Script downloaded and run in one step',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  dimension: 'supply-chain',
  opens: true,
  tags: ['security', 'supply-chain', 'CWE-494'],
  docs: `A script is downloaded and executed without being checked: \`curl … | sh\`, \`wget -qO- … | bash\`, \`curl … | sudo bash\`, \`bash <(curl …)\`, \`sh -c "$(curl …)"\`, \`eval "$(curl …)"\`, \`source <(curl …)\`, in any command: scripts, Dockerfile \`RUN\`, compose and devcontainer commands, hooks. Interpreters count by any name, versioned too (\`curl https://install.python-poetry.org | python3.12 -\`). A download kept in a file from a moving URL (\`…/releases/latest/download/…\`, a raw file on \`main\`) without a checksum is \`unpinned-package-install\`.

0.2 (issue 10, "Supply chain and secrets, as written in real Dockerfiles"): versioned interpreter names (\`python3.12\`, \`ruby3.2\`) are recognised; they were missed in real Dockerfiles.

## Why it matters
Whatever the server returns runs at once, as whoever runs the command (often root in a Dockerfile). A compromised or spoofed download server owns the image or the host, and a partial download can run half a script.

## How to fix
Download to a file, check its checksum (or signature), then run it.

Before:
\`\`\`dockerfile
RUN curl -fsSL https://example.com/install.sh | bash
\`\`\`
After:
\`\`\`dockerfile
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\
 && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\
 && bash /tmp/install.sh
\`\`\``,
  check(model, report) {
    for (const c of model.commands) {
      const prog = programOf(c);
      if (!isInterpreter(prog)) continue;
      const src = c.pipedFrom;
      if (src && DOWNLOADERS.has(programOf(src))) {
        report(span(src, c), `${programOf(src)} output is piped straight into ${prog} (${c.source}): whatever the server sends runs unchecked. Download to a file, verify its checksum, then run it.`);
        continue;
      }
      // The script of `sh -c '…'` is checked as its own commands; only `sh -c "$(curl …)"` runs the download itself.
      const script = shellScriptArg(c.words);
      const arg = c.words.slice(1).find((w) => (w === script ? FETCHED_SCRIPT.test(w.text) : FETCH_IN_SUBSTITUTION.test(w.text)));
      if (arg) report(c.loc, `${prog} runs a script fetched by ${arg.text.trim().slice(0, 40)} (${c.source}): whatever the server sends runs unchecked. Download to a file, verify its checksum, then run it.`);
    }
  },
});
