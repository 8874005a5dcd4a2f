import { defineRule } from '../src/rule.js';
import type { Command } from '../src/model/command.js';
import { movingAdds, movingDownloads } from '../src/model/downloads.js';
import { installedPackages, isPinned, isToolchainSelfUpgrade, pinHint, type PackageRef } from '../src/model/packages.js';

function list(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A URL with a lookup spelled into it can run long: the location shows the rest. */
function clip(url: string): string {
  return url.length > 100 ? `${url.slice(0, 99)}…` : url;
}

function message(c: Command, refs: PackageRef[]): string {
  const [first] = refs;
  const what =
    refs.length === 1
      ? `${first.tool} ${first.word.text} installs ${first.version && first.version !== 'latest' ? `${first.version}, which is not one exact version` : 'whatever version is newest'}`
      : `${first.tool} installs ${list(refs.map((p) => p.word.text))} without exact versions`;
  const pins = refs.map(pinHint);
  return `${what} (${c.source}): the next build can pull a different or compromised release into the sandbox. Pin ${refs.length === 1 ? 'an exact version' : 'exact versions'} (${list(pins)}).`;
}

export default defineRule({
  id: 'unpinned-package-install',
  title: 'Tool installed without a pinned version',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  dimension: 'supply-chain',
  tags: ['security', 'supply-chain', 'CWE-494'],
  docs: `A global or tool install takes whatever version the registry serves: \`npm install -g pkg\` (also \`npm i -g\`, \`pnpm add -g\`, \`yarn global add\`, \`bun add -g\`/\`bun install -g\`), \`go install mod@latest\`, \`cargo install crate\` (also \`cargo binstall\`), \`gem install name\`, \`deno install jsr:@scope/name\`, \`pip install pkg\` (also \`python -m pip\`, \`uv pip install\`), \`pipx install pkg\`, \`uv tool install pkg\`, in a Dockerfile, a script or a lifecycle command, also after \`&&\` or behind \`VAR=x\`. In a Dockerfile \`RUN\`, a project install that names packages (\`pnpm add x\`, \`npm install x\`) is the same: each build adds whatever is newest. So is a file fetched with \`curl\`/\`wget\` (into a file or an unpacker) or \`ADD\` from a URL whose content moves (\`…/releases/latest/download/…\`, a raw file on \`main\`/\`master\`, a version looked up from \`releases/latest\` when it runs) with no \`sha256sum -c\`, \`gpg --verify\` or \`--checksum\` in the same \`RUN\` (or script). A download piped straight into a shell is \`remote-script-execution\`.

Pinned and quiet: exact versions (\`pkg@1.2.3\`, \`pkg==1.2.3\`, \`mod@v1.2.3\` or a commit, \`cargo install x --version 1.2.3\` or \`x@1.2.3\`, \`cargo install --git … --rev …\`, \`gem install x -v 1.2.3\` or \`x:1.2.3\`, \`jsr:@s/x@1.2.3\`), a version from a Dockerfile \`ARG\` with a pinned default (an \`ARG\` with an empty default is a value the build passes: not judged), requirement files (\`-r requirements.txt\`), lockfile installs (\`npm ci\`), local paths (\`--path .\`, \`./cmd/x\`, \`x.gem\`), \`--require-hashes\`, a URL with a version in it. \`go install mod\` with no version builds what the current go.mod requires, so it fires only in an image build that copied no go.mod.

0.2 (issue 10, "Supply chain and secrets, as written in real Dockerfiles"): Go, Cargo, RubyGems and Deno installs, project installs that name packages in a Dockerfile \`RUN\`, and moving-URL downloads are new, because real agent images install their tools that way. One install command with several unpinned packages is one finding, at the first package, naming them all (it was one per package, which buried the rest of the report). Unpinned Python installs (\`pip\`, \`pipx\`, \`uv tool\`, \`uv pip\`) are \`note\`: they are routine in Python images (test runners, helpers), and a warning on each drowned the installs that matter; npm, Go, Cargo and RubyGems global installs stay \`warning\`. The installer upgrading itself (\`pip install --upgrade pip setuptools wheel\`, \`npm i -g npm@latest\`) is exempt: the packages installed next are what matter.

## Why it matters
An image or a dev container built twice from the same files gets different code, and a compromised release lands in the agent's sandbox at the next build. The seed guide's own Dockerfile does \`RUN npm install -g @anthropic-ai/claude-code\`.

## How to fix
Before:
\`\`\`dockerfile
RUN npm install -g @anthropic-ai/claude-code
RUN go install golang.org/x/tools/gopls@latest
RUN curl -fsSLo /usr/local/bin/tool https://github.com/example/tool/releases/latest/download/tool-linux-amd64
\`\`\`
After:
\`\`\`dockerfile
ARG CLAUDE_CODE_VERSION=2.1.260
RUN npm install -g @anthropic-ai/claude-code@\${CLAUDE_CODE_VERSION}
RUN go install golang.org/x/tools/gopls@v0.16.2
RUN curl -fsSLo /usr/local/bin/tool https://github.com/example/tool/releases/download/v1.4.0/tool-linux-amd64 \\
 && echo "<sha256>  /usr/local/bin/tool" | sha256sum -c -
\`\`\`
For Python, pin with \`==\` or install from a hashed requirements file.`,
  check(model, report) {
    for (const c of model.commands) {
      const unpinned = installedPackages(c).filter((p) => !p.unknown && !isPinned(p) && !isToolchainSelfUpgrade(p));
      if (!unpinned.length) continue;
      report(unpinned[0].word.loc, message(c, unpinned), unpinned[0].ecosystem === 'pypi' ? { severity: 'note' } : undefined);
    }
    for (const d of [...movingDownloads(model.commands), ...movingAdds(model.dockerfiles)]) {
      const step = d.source === 'Dockerfile RUN' ? 'RUN' : d.source;
      const unchecked = d.tool === 'ADD' ? 'without --checksum' : `and nothing in the same ${step} checks its checksum`;
      report(d.loc, `${d.tool} fetches ${clip(d.url)}, ${d.why}, ${unchecked} (${d.source}): a changed or compromised file goes into the sandbox unnoticed. Download a versioned URL and verify it (echo "<sha256>  <file>" | sha256sum -c -${d.tool === 'ADD' ? ', or ADD --checksum=sha256:<digest>' : ''}).`);
    }
  },
});
