/**
 * The pre-commit manifest: valid, and its `files` pattern selects what the linter reads (src/discover.ts).
 * The real pre-commit run is test/e2e/pre-commit.sh (called by .ci/run).
 */
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import AjvModule from 'ajv';
import { kindByName } from '../src/discover.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  types?: string[];
  pass_filenames?: boolean;
}
const hooks = YAML.parse(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as Hook[];

/** pre-commit's patterns are Python regexes; this one only uses a leading (?i), which JS spells as a flag. */
function pattern(files: string): RegExp {
  expect(files.startsWith('(?i)')).toBe(true);
  const body = files.slice(4);
  expect(body).not.toMatch(/\(\?[a-zA-Z]/);
  return new RegExp(body, 'i');
}

it('validates against the SchemaStore schema for pre-commit manifests', () => {
  const ajv = new AjvModule.default({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync('test/data/pre-commit-hooks.schemastore.json', 'utf8')) as object);
  validate(hooks);
  expect(validate.errors ?? []).toEqual([]);
});

it('declares the agent-sandbox-lint hook as the issue and the README describe it', () => {
  const hook = hooks.find((h) => h.id === 'agent-sandbox-lint');
  expect(hook).toMatchObject({ entry: 'agent-sandbox-lint', language: 'node', pass_filenames: true });
  // The entry is the package's bin, which pre-commit installs from the repository as it is (dist/ committed).
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
  expect(pkg.bin['agent-sandbox-lint']).toBe('dist/cli.js');
  expect(pkg.scripts.prepare).toBeUndefined();
  expect(pkg.scripts.prepack).toBeUndefined();
  // Both hooks select the same files.
  expect(new Set(hooks.map((h) => h.files)).size).toBe(1);
});

describe('files pattern', () => {
  const re = pattern(hooks[0].files);

  const named = [
    'devcontainer.json', '.devcontainer/devcontainer.json', '.devcontainer.json', 'x/.devcontainer/sub/devcontainer.json',
    'compose.yaml', 'docker-compose.yml', 'docker-compose.override.yaml', 'deploy/compose.prod.yml', 'Compose.YAML',
    'Dockerfile', 'Dockerfile.dev', 'app.Dockerfile', 'build/app.dockerfile', 'Containerfile', 'dockerfile',
    'run.sh', 'scripts/a.bash', 'x.zsh', 'RUN.SH', '.zshrc', 'home/.bashrc', '.devcontainer/.bash_aliases',
    '.claude/settings.json', '.claude/settings.local.json', 'pkg/.claude/settings.json', 'managed-settings.json',
    '.mcp.json', '.codex/config.toml', 'etc/codex/config.toml', '.vscode/settings.json',
    'dot_claude/settings.json', 'home/private_dot_claude/settings.json', 'config/claude/settings.json', 'dot_codex/config.toml',
    '.claude/agents/doc-writer.md', '.claude/agents/team/reviewer.md', '.claude/skills/release/SKILL.md', '.claude/commands/git/commit.md',
    '.claude-plugin/plugin.json', 'plugins/x/.claude-plugin/marketplace.json', 'plugins/x/hooks/hooks.json',
    '.gemini/settings.json', '.qwen/settings.json', '.qwen/settings.local.json', '.gemini/.env',
    '.vscode/mcp.json', '.cursor/mcp.json', '.roo/mcp.json', '.kilocode/mcp.json', '.kiro/settings/mcp.json', 'cline_mcp_settings.json',
    '.cursor/cli.json', '.cursor/environment.json', 'opencode.json', 'opencode.jsonc', '.amp/settings.json', '.zed/settings.json', '.aider.conf.yml',
    '.github/workflows/claude.yml', '.github/workflows/triage.yaml', '.github/actions/setup/action.yml',
  ];
  it.each(named)('selects %s, which the linter reads by name', (p) => {
    expect(kindByName(p)).toBeDefined();
    expect(re.test(p)).toBe(true);
  });

  it('selects extensionless files (scripts are recognised by their shebang, which no regex sees)', () => {
    for (const p of ['bin/run-agent', 'start', 'Makefile']) expect(re.test(p)).toBe(true);
  });

  const other = ['README.md', 'package.json', 'settings.json', '.claude/other.json', 'config.toml', 'src/app.ts', 'compose.json', 'x.yaml', 'mcp.json', 'docs/agents/a.md', '.claude/CLAUDE.md', '.cursor/rules/a.mdc', '.gemini/GEMINI.md', '.env'];
  it.each(other)('leaves out %s, which the linter does not read', (p) => {
    expect(kindByName(p)).toBeUndefined();
    expect(re.test(p)).toBe(false);
  });
});
