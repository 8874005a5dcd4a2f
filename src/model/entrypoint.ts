/** What an image runs when it starts: its ENTRYPOINT/CMD, and the commands of the entrypoint script when it is in the scan. */
import type { DockerfileDoc } from '../parse/dockerfile.js';
import type { Command } from './command.js';
import type { ProjectModel } from './project.js';
import { basename } from './argv.js';

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash']);

/**
 * The start commands of the image built by `d`, then the commands of each script they run that the scan holds
 * (matched by file name: `ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]` ↔ `docker-entrypoint.sh`).
 */
export function startCommands(model: ProjectModel, d: DockerfileDoc): Command[] {
  const start = model.commands.filter((c) => c.dockerfile === d && c.context === 'container');
  const out = [...start];
  const scripts = new Set<string>();
  for (const c of start) {
    const prog = scriptOf(c);
    if (!prog) continue;
    const script = model.files.find((f) => f.kind === 'shell' && basename(f.file) === prog);
    if (script) scripts.add(script.file);
  }
  for (const c of model.commands) if (scripts.has(c.loc.file)) out.push(c);
  return out;
}

/** The script a command runs: `/entrypoint.sh …`, `bash /usr/local/bin/start.sh`, as a file name. */
export function scriptOf(c: Command): string | undefined {
  let i = 0;
  while (/^[A-Za-z_][A-Za-z0-9_]*=/.test(c.words[i]?.text ?? '')) i++;
  let prog = basename(c.words[i]?.text ?? '');
  if (SHELLS.has(prog)) {
    i++;
    while (c.words[i]?.text.startsWith('-')) i++;
    prog = basename(c.words[i]?.text ?? '');
  }
  return /\.(?:sh|bash)$/.test(prog) || /entrypoint|^start|^init|^run/.test(prog) ? prog : undefined;
}
