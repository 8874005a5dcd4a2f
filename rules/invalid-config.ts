import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'invalid-config',
  title: 'File could not be read or parsed',
  severity: 'error',
  securitySeverity: 4.0,
  precision: 'very-high',
  dimension: 'tooling',
  tags: ['security', 'correctness'],
  docs: `A file of a kind agent-sandbox-lint reads could not be read or parsed: a syntax error in JSONC or YAML, a shell syntax error, a binary file, a file over the size limit (1 MiB by default, \`maxFileSize\` in the config), or a read error. The finding points at the place the parser stopped. The run goes on with the other files. Shell syntax problems are notes: the parser recovers and the rest of the script is still checked, and tree-sitter-bash misreads some valid scripts (zsh syntax, some \`[[ =~ ]]\` regexes, \`$((10#…))\`), so on real files most of them were not errors (0.2: lowered from warning after the real-world set showed 4 of 4 such findings on scripts that run). A template slot (\`{{NAME}}\` alone on a Dockerfile line) is not an unknown instruction.

## Why it matters
A file the linter cannot read is a file nobody checked, and a broken config is often read differently by the tool it belongs to: Claude Code drops a settings file that does not parse, so its deny rules silently stop applying.

## How to fix
Fix the syntax at the reported line. For a large generated file that is no configuration, exclude it with \`ignorePaths\` in \`.agent-sandbox-lint.yaml\`.`,
  check(model, report) {
    for (const p of model.problems) {
      report(p.loc, `${p.message}.`, p.severity ? { severity: p.severity } : undefined);
    }
  },
});
