/** The TOML reader and the permission-rule parser behind the agent-policy rules. */
import { parseToml } from '../src/parse/toml.js';
import { TextIndex } from '../src/parse/text-index.js';
import { ParseFailure } from '../src/parse/result.js';
import { get, getPath, isMap, isSeq, items, str, type LNode } from '../src/parse/tree.js';
import { parsePermissionRule } from '../src/model/policy/permission-rule.js';
import { bashPatternEscape } from '../src/model/policy/bash-breadth.js';
import { fileStart } from '../src/parse/text-index.js';

const toml = (text: string): LNode => parseToml(new TextIndex('config.toml', text));

describe('TOML into the located tree', () => {
  it('tables, dotted keys, inline tables and arrays of tables are nested maps with locations', () => {
    const t = toml(['sandbox_mode = "workspace-write"', 'profiles.ci.approval_policy = "never"', '', '[sandbox_workspace_write]', 'network_access = true', '', '[mcp_servers.fs]', 'command = "npx"', 'args = ["-y", "fs@1.0.0", "~"]', 'env = { TOKEN = "${TOKEN}" }', '', '[[hooks.Stop]]', 'command = "a"', '[[hooks.Stop]]', 'command = "b"', ''].join('\n'));
    expect(str(get(t, 'sandbox_mode'))).toBe('workspace-write');
    expect(str(getPath(t, 'profiles', 'ci', 'approval_policy'))).toBe('never');
    const net = getPath(t, 'sandbox_workspace_write', 'network_access')!;
    expect(net.type === 'scalar' && net.value).toBe(true);
    expect(net.loc.start).toEqual({ line: 5, column: 18 });
    const args = items(getPath(t, 'mcp_servers', 'fs', 'args'));
    expect(args.map(str)).toEqual(['-y', 'fs@1.0.0', '~']);
    expect(args[2].loc.start).toEqual({ line: 9, column: 27 });
    expect(str(getPath(t, 'mcp_servers', 'fs', 'env', 'TOKEN'))).toBe('${TOKEN}');
    const stop = getPath(t, 'hooks', 'Stop');
    expect(isSeq(stop) && stop.items.map((i) => str(get(i, 'command')))).toEqual(['a', 'b']);
    // A key's own location: `[mcp_servers.fs]` names fs at line 7.
    const servers = get(t, 'mcp_servers');
    expect(isMap(servers) && servers.entries[0].keyLoc.start).toEqual({ line: 7, column: 14 });
  });

  it('a syntax error is a ParseFailure at the line it belongs to', () => {
    expect(() => toml('a = 1\nb =\n')).toThrow(ParseFailure);
    try {
      toml('a = 1\nb =\n');
    } catch (e) {
      expect((e as ParseFailure).problem.loc.start.line).toBe(2);
      expect((e as ParseFailure).problem.message).toMatch(/^Syntax error/);
    }
    expect(() => toml('a = 1\na = 2\n')).toThrow(ParseFailure);
  });

  it('absurd nesting is refused, not a stack overflow', () => {
    const deep = `a = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(() => toml(deep)).toThrow(ParseFailure);
    const dotted = `${Array.from({ length: 600 }, (_, i) => `k${i}`).join('.')} = 1\n`;
    expect(() => toml(dotted)).toThrow(ParseFailure);
  });
});

describe('permission rules', () => {
  const loc = fileStart('.claude/settings.json');
  const parse = (raw: string, list: 'allow' | 'deny' | 'ask' = 'deny') => parsePermissionRule(raw, list, loc, '.claude/settings.json', 'project');

  it.each([
    ['Bash', 'Bash', undefined],
    ['Bash(*)', 'Bash', undefined],
    ['Bash(npm run test:*)', 'Bash', 'npm run test:*'],
    ['Read(./.env)', 'Read', './.env'],
    ['WebFetch(domain:example.com)', 'WebFetch', 'domain:example.com'],
    ['WebFetch(domain:*)', 'WebFetch', undefined],
    ['mcp__github__create_issue', 'mcp__github__create_issue', undefined],
    ['Bash(echo $(date))', 'Bash', 'echo $(date)'],
  ])('%s → %s(%s)', (raw, tool, spec) => {
    const r = parse(raw);
    expect([r.tool, r.specifier, r.malformed, r.inert]).toEqual([tool, spec, undefined, undefined]);
  });

  it.each([
    'Bash(:*)', 'Bash(git:* push)', 'Bash(ls', 'Bash(a(b)', 'bash(ls)', 'Bash()', 'WebFetch(https://x.com)', 'WebFetch(x.com)',
    'mcp__gh(create)', 'WebSearch(*)', 'Read(./x:*)',
  ])('%s is dropped', (raw) => {
    expect(parse(raw).malformed).toBeDefined();
  });

  it('unanchored wildcard tool names are dropped in allow rules only', () => {
    expect(parse('*', 'allow').malformed).toBeDefined();
    expect(parse('mcp__*', 'allow').malformed).toBeDefined();
    expect(parse('mcp__*', 'deny').malformed).toBeUndefined();
    expect(parse('mcp__github__*', 'allow').malformed).toBeUndefined();
  });

  it.each(['Write(./.env)', 'NotebookEdit(x/**)', 'MultiEdit(src/**)', 'Glob(**/*.pem)', 'Bash(command:rm)', 'Read(file_path:/x)'])('%s is never matched', (raw) => {
    const r = parse(raw);
    expect(r.malformed).toBeUndefined();
    expect(r.inert).toBeDefined();
  });
});

describe('Bash allow rules judged by where the wildcard is', () => {
  const loc = fileStart('.claude/settings.json');
  const parse = (raw: string, list: 'allow' | 'deny' | 'ask' = 'deny') => parsePermissionRule(raw, list, loc, '.claude/settings.json', 'project');
  it.each([
    'docker run:*', 'docker compose:*', 'docker-compose:*', 'kubectl exec:*', 'CI=1 npx:*', 'ipython:*', 'awk:*', 'perl -e *', 'ruby -e *',
    'osascript -e *', 'deno eval *', 'php -r *', 'xargs:*', 'find:*', 'source:*', 'uv run *', 'bun x *', 'pnpm exec *', './venv/bin/python:*',
    'npx:*', 'npx *', 'python:*', 'python -c *', 'node -e *', 'bash -c *', 'bash -lc *', 'python3.12 *', 'python*', '* --help', 'git:*',
    'npm:*', 'uv:*', 'uv run python *', 'sudo apt-get *', 'curl:*', "powershell -Command ' *", 'env *', 'docker exec app *', 'timeout 30 python *', 'bash -c "npm test *"', "python -c 'import os; *'",
  ])('%s is an escape', (spec) => {
    expect(bashPatternEscape(spec)).toBeDefined();
  });

  it.each([
    'npx eslint:*', 'npx playwright install:*', 'python -m pytest *', 'python -m pip:*', 'xargs kill *', 'bunx tsc *', 'uv run pytest *',
    'CI=1 npm run:*', 'docker compose up:*', 'docker run --rm alpine:3.20 *', "awk '{print $1}' *", 'git diff:*', 'ls*', 'npm test', 'python -c print(1)',
    'constructor *', '__proto__:*', 'git --version:*', 'git config --get:*', 'command -v:*', "bash -c 'npm test' *", 'python -m "pytest *"',
  ])('%s names its tool (quiet)', (spec) => {
    expect(bashPatternEscape(spec)).toBeUndefined();
  });

  it('colons for spaces and file names as commands are never matched; the parameter form is fine', () => {
    expect(parse('Bash(rm:-rf:/)').defect).toBe('colons-for-spaces');
    expect(parse('Bash(chmod:-R:777:*)').defect).toBe('colons-for-spaces');
    expect(parse('Bash(id_rsa)').defect).toBe('path-as-command');
    expect(parse('Fetch(https://x.example)', 'allow').defect).toBe('unknown-tool');
    for (const ok of ['Bash(run_in_background:true)', 'Bash(docker run alpine:3.20)', 'Bash(git push origin main:main)', 'Bash(rm -rf:*)', 'Agent(Explore)']) {
      expect([ok, parse(ok).inert, parse(ok).malformed]).toEqual([ok, undefined, undefined]);
    }
  });
});

describe('hostile agent settings never crash the model or the rules', () => {
  it('any TOML text either parses or is a ParseFailure', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text: string) => {
        try {
          toml(text);
        } catch (e) {
          if (!(e instanceof ParseFailure)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('any JSON value in settings, .mcp.json and config.toml shapes is judged without throwing', async () => {
    const fc = (await import('fast-check')).default;
    const { buildModel } = await import('../src/model/project.js');
    const { RULES } = await import('../src/rule-registry.generated.js');
    const { parseJsonc } = await import('../src/parse/jsonc.js');
    const keys = fc.constantFrom('permissions', 'sandbox', 'network', 'filesystem', 'allow', 'deny', 'ask', 'enabled', 'defaultMode', 'env', 'hooks', 'Stop', 'mcpServers', 'command', 'args', 'httpProxyPort', 'allowedDomains', 'excludedCommands', 'type', 'url');
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 12 }), fc.boolean(), fc.integer(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(keys, tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(keys, value, { maxKeys: 5 }), fc.dictionary(keys, value, { maxKeys: 5 }), (settings: unknown, mcp: unknown) => {
        const files = [
          ['.claude/settings.json', 'claude-settings', JSON.stringify(settings)],
          ['.mcp.json', 'mcp', JSON.stringify(mcp)],
        ].map(([file, kind, text]) => {
          const index = new TextIndex(file, text);
          return { file, abs: `/x/${file}`, kind: kind as 'mcp', index, related: false, tree: parseJsonc(index, { strict: true }) };
        });
        const m = buildModel(files, []);
        for (const r of RULES) r.check(m, () => {});
      }),
      { numRuns: 300 },
    );
  });
});
