import path from 'node:path';
import { defineRule } from '../src/rule.js';
import { claudePolicies } from '../src/model/policy/facts.js';
import { SETTINGS_HELPERS, helperSource } from '../src/model/policy/helpers.js';
import { scopeNote } from '../src/model/policy/settings.js';
import { entry, get, str } from '../src/parse/tree.js';
import { basename, unwrap } from '../src/model/argv.js';
import type { Command } from '../src/model/command.js';
import { installedPackages, isPinned, runnerPackages } from '../src/model/packages.js';
import type { Loc } from '../src/types.js';

/** Programs that talk to another machine: a helper running one sends or fetches on every run. */
const NETWORK = new Set(['curl', 'wget', 'nc', 'ncat', 'netcat', 'socat', 'ssh', 'scp', 'sftp', 'rsync', 'ftp', 'telnet', 'http', 'https', 'xh', 'aria2c', 'gh', 'glab']);
const GIT_NETWORK = new Set(['push', 'fetch', 'pull', 'clone', 'ls-remote']);
/** Programs that change files. */
const WRITERS = new Set(['cp', 'mv', 'rm', 'touch', 'dd', 'ln', 'install', 'truncate', 'chmod', 'chown']);
/** `> file` or `>> file`, except the terminal and /dev/null (`2>/dev/null`, `>&2`). */
const REDIRECT = /(?:^|[^<>&\d])\d?>>?\s*(?!&|\/dev\/(?:null|stdout|stderr|tty)\b)([^\s;|&)]+)/;
/** A script file the helper runs, as written: `~/.claude/statusline.sh`, `bash .claude/x.sh`. */
const SCRIPT_WORD = /\.(?:sh|bash|zsh)$/;

interface Where {
  settingsFile: string;
  /** The project folder (the parent of `.claude/`). */
  projectDir: string;
  /** The settings are the user's own: `~/.claude/` is the settings file's folder. */
  user: boolean;
}

/**
 * What a helper command does on each run: `acts` names the download, send or write when there is one; otherwise
 * `formats` says what was seen (or that a script could not be read and formatting was assumed). A script it
 * runs is read when it is in the scan: `~/.claude/x.sh` from user settings is `x.sh` beside the settings file.
 */
function helperEffect(own: Command[], where: Where, scripts: Map<string, Command[]>): { acts?: string; formats: string } {
  const seen: string[] = [];
  let unread: string | undefined;
  const judge = (cmds: Command[], from: string): string | undefined => {
    for (const c of cmds) {
      const words = unwrap(c.words);
      if (words.length === 0) continue;
      const prog = basename(words[0].text);
      const fetched = runnerPackages(c).find((r) => !isPinned(r));
      if (fetched) return `downloads and runs ${fetched.name} (not pinned: whatever the registry serves now) ${from}`;
      const installed = installedPackages(c)[0];
      if (installed) return `installs ${installed.name} ${from}`;
      if (NETWORK.has(prog)) return `runs \`${prog}\` ${from}, which reaches another machine`;
      if (prog === 'git' && words.slice(1).some((w) => GIT_NETWORK.has(w.text))) return `runs \`git ${words.slice(1).find((w) => GIT_NETWORK.has(w.text))!.text}\` ${from}, which reaches another machine`;
      if (WRITERS.has(prog) || (prog === 'sed' && words.some((w) => /^-[a-zA-Z]*i/.test(w.text))) || (prog === 'tee' && words.slice(1).some((w) => !w.text.startsWith('-') && !w.text.startsWith('/dev/')))) return `changes files (\`${prog}\`) ${from}`;
      const redirect = REDIRECT.exec(c.statement.replace(/'[^']*'/g, "''"));
      if (redirect) return `writes ${redirect[1]} ${from}`;
      if (!SCRIPT_WORD.test(prog) && !words[0].text.includes('/')) seen.push(prog);
    }
    return undefined;
  };
  const direct = judge(own, 'on every run');
  if (direct) return { acts: direct, formats: '' };
  for (const c of own) {
    const w = unwrap(c.words).find((x, i) => SCRIPT_WORD.test(x.text) || (i === 0 && /\//.test(x.text)));
    if (!w) continue;
    const file = scriptPath(w.text, where);
    const body = file ? scripts.get(file) : undefined;
    if (!body) {
      unread = w.text;
      continue;
    }
    const inScript = judge(body, `in ${file}`);
    if (inScript) return { acts: inScript, formats: '' };
  }
  const progs = [...new Set(seen)].slice(0, 5).map((x) => `\`${x}\``).join(', ');
  if (unread) return { formats: `${unread} is not in the scan, so what it does was not checked; it is assumed to only format text` };
  return { formats: `it only formats text${progs ? ` (${progs})` : ''}: nothing it runs downloads, sends or writes` };
}

/** The scanned file a helper's script word names, or undefined. */
function scriptPath(word: string, where: Where): string | undefined {
  const home = where.user ? path.posix.dirname(where.settingsFile) : undefined;
  let p = word;
  const m = /^(?:~|\$HOME|\$\{HOME\})\/\.claude\/(.+)$/.exec(p);
  if (m) {
    if (!home) return undefined;
    p = path.posix.join(home, m[1]);
  } else if (p.startsWith('/') || p.startsWith('~') || p.startsWith('$')) return undefined;
  else p = path.posix.join(where.projectDir, p.replace(/^\$CLAUDE_PROJECT_DIR\//, ''));
  return path.posix.normalize(p);
}

export default defineRule({
  id: 'settings-helper-command',
  title: 'Settings run a helper command outside the sandbox',
  severity: 'warning',
  securitySeverity: 6.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'claude-code', 'CWE-829'],
  docs: `A Claude Code settings file sets a command that Claude Code runs itself, through \`/bin/sh\`, outside the sandbox and outside every permission rule: \`apiKeyHelper\`, \`awsAuthRefresh\`, \`awsCredentialExport\`, \`gcpAuthRefresh\`, \`otelHeadersHelper\`, \`proxyAuthHelper\`, \`statusLine.command\`, \`subagentStatusLine.command\`, \`fileSuggestion.command\`. The level follows what the command does on each run:
- **warning**: it downloads, sends or writes: a network program (\`curl\`, \`wget\`, \`nc\`, \`ssh\`, \`gh\`, \`git push\`/\`fetch\`), an unpinned package runner (\`npx\`, \`bunx -y pkg@latest\`, \`uvx\`), a package install, a redirect into a file, \`tee\`, \`sed -i\`, \`cp\`/\`mv\`/\`rm\`;
- **note**: it only formats text (\`jq\`, \`git branch\`, \`echo\`, an installed formatter such as \`ccstatusline\`), or it runs a script that is not in the scan (assumed to format text; the message says so).

A script the command runs is read when the scan holds it: \`.claude/statusline.sh\` from project settings is that file of the project; \`~/.claude/statusline.sh\` from user settings is the file beside the settings file (a dotfiles repository keeps them together).

Scope: repository settings (\`.claude/settings.json\`, \`.claude/settings.local.json\`) are held back until the folder is trusted in interactive sessions, and used without a trust step by \`claude -p\` and SDK runs. User settings (a dotfiles repository's \`~/.claude/settings.json\`, or a folder a launcher mounts as a container's \`~/.claude\`; see "Whose settings a file is" in the README) are the user's own: the message says what the helper does there instead of asking to move it. Managed settings are not judged.

Changed in 0.2: every repository helper was a warning, and user settings were not read. A helper that only prints text fails no boundary, so it is a note (issue 11 item 7); one that fetches or writes runs that on every refresh, unsandboxed, so it stays a warning, in user scope too (the package or host it reaches can run code each time). Sources: code.claude.com/docs/en/settings-reference#apikeyhelper, /statusline, /permissions#what-runs-before-you-trust-a-folder; the settings schema of @anthropic-ai/claude-code 2.1.331.

## Why it matters
Whoever can change the repository runs code on your machine the next time Claude Code starts there, and \`apiKeyHelper\` decides which credential Claude Code sends.

## How to fix
Keep helpers in your user settings (\`~/.claude/settings.json\`), where the repository cannot change them, and keep them to formatting: pin what they run, and fetch or write nothing on each refresh.

Before (\`.claude/settings.json\`):
\`\`\`json
{ "apiKeyHelper": "./scripts/get-key.sh" }
\`\`\`
After (\`~/.claude/settings.json\`):
\`\`\`json
{ "apiKeyHelper": "~/bin/get-claude-key" }
\`\`\`
Before (user settings): \`{ "statusLine": { "type": "command", "command": "bunx -y ccstatusline@latest" } }\`; after: \`{ "statusLine": { "type": "command", "command": "ccstatusline" } }\` (installed once, at a version you chose).`,
  check(model, report) {
    const scripts = new Map<string, Command[]>();
    for (const c of model.commands ?? []) {
      const list = scripts.get(c.loc.file);
      if (list) list.push(c);
      else scripts.set(c.loc.file, [c]);
    }
    for (const p of claudePolicies(model)) {
      for (const s of p.claude.sources) {
        if (s.scope === 'managed') continue;
        const repo = s.scope === 'project' || s.scope === 'local';
        for (const h of SETTINGS_HELPERS) {
          const parent = h.path.length === 1 ? s.tree : get(s.tree, h.path[0]);
          const e = entry(parent, h.path[h.path.length - 1]);
          const cmd = str(e?.value);
          if (!e || !cmd) continue;
          // The helper's commands, parsed once by the command model (which every other command rule reads too).
          const source = helperSource(h.path);
          const own = (scripts.get(s.file) ?? []).filter((c) => c.source === source && within(c.loc, e.value.loc));
          const effect = helperEffect(own, { settingsFile: s.file, projectDir: p.dir, user: !repo }, scripts);
          const shown = cmd.length > 60 ? `${cmd.slice(0, 57)}...` : cmd;
          const key = `\`${h.path.join('.')}\``;
          const acts = effect.acts !== undefined;
          const what = acts ? `it ${effect.acts}` : effect.formats;
          const message = repo
            ? `${key} in ${s.file}${scopeNote(s)} makes Claude Code run \`${shown}\` itself, unsandboxed and without a permission check; ${h.why}. ${cap(what)}. In \`claude -p\` runs it needs no trust. ${acts ? 'Move it to your user settings, or remove what it downloads, sends or writes.' : 'Keep it to formatting; a repository helper that starts fetching or writing would run the same way.'}`
            : `${key} in ${s.file}${scopeNote(s)} is your own helper: Claude Code runs \`${shown}\` unsandboxed and outside every permission rule; ${h.why}. ${cap(what)}. ${acts ? 'Pin what it downloads, or drop the network call and the writes, so a compromised package or host cannot run code each time.' : 'Nothing to change while it only formats text.'}`;
          report(e.value.loc, message, { severity: acts ? 'warning' : 'note' });
        }
      }
    }
  },
});

function within(inner: Loc, outer: Loc): boolean {
  const at = (p: Loc['start']) => p.line * 1e6 + p.column;
  return at(inner.start) >= at(outer.start) && at(inner.start) <= at(outer.end);
}

function cap(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}
