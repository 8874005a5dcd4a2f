/**
 * SARIF validation for tests, as in shared/anchors/integration.md §2: the normative OASIS schema (ajv-draft-04),
 * the schema upload-sarif itself applies (jsonschema), and GitHub's ingestion rules that no schema expresses.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// Both packages are CommonJS with `exports.default`: under NodeNext the default import is `module.exports`,
// and `.default` is the constructor / plugin both for tsc and at runtime (Node and jest's native ESM).
import AjvModule, { type ValidateFunction } from 'ajv-draft-04';
import formatsModule from 'ajv-formats';
import jsonschema from 'jsonschema';

type Json = Record<string, unknown>;

const dataDir = new URL('../data/', import.meta.url);
const loadSchema = (name: string): Json => JSON.parse(readFileSync(fileURLToPath(new URL(name, dataDir)), 'utf8')) as Json;

let oasisValidator: ValidateFunction | undefined;
let codeqlSchema: Json | undefined;

/** All problems found in `log`, each prefixed by the check that found it; `[]` means GitHub would take it. */
export function validateSarif(log: unknown): string[] {
  return [...oasisErrors(log), ...uploadSarifErrors(log), ...githubErrors(log)];
}

function oasisErrors(log: unknown): string[] {
  if (!oasisValidator) {
    const ajv = new AjvModule.default({ allErrors: true });
    formatsModule.default(ajv);
    oasisValidator = ajv.compile(loadSchema('sarif-schema-2.1.0.json'));
  }
  if (oasisValidator(log)) return [];
  return (oasisValidator.errors ?? []).map((e) => `oasis: ${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

function uploadSarifErrors(log: unknown): string[] {
  codeqlSchema ??= loadSchema('sarif-schema-2.1.0.codeql-action.json');
  const result = new jsonschema.Validator().validate(log, codeqlSchema);
  // upload-sarif only warns about uri/uri-reference format errors (codeql-action#1703); so do we.
  return result.errors
    .filter((e) => !(e.name === 'format' && ['uri', 'uri-reference'].includes(String(e.argument))))
    .map((e) => `upload-sarif: ${e.stack}`);
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (isObject(v) && typeof v.text === 'string' ? v.text : undefined);

/** integration.md §2.5: what GitHub requires beyond the schemas. */
function githubErrors(log: unknown): string[] {
  if (!isObject(log) || !Array.isArray(log.runs) || log.runs.length === 0) return ['github: no runs'];
  return log.runs.flatMap((run, i) => runErrors(run, `runs[${i}]`));
}

function runErrors(run: unknown, at: string): string[] {
  if (!isObject(run)) return [`github: ${at} is not an object`];
  const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : undefined;
  if (!driver || typeof driver.name !== 'string' || driver.name === '') return [`github: ${at}.tool.driver.name missing`];
  const rules = Array.isArray(driver.rules) ? driver.rules : [];
  const errors = rules.flatMap((r, i) => ruleErrors(r, `${at}.tool.driver.rules[${i}]`));
  if (!Array.isArray(run.results)) return [...errors, `github: ${at}.results missing`];
  return [...errors, ...run.results.flatMap((r, i) => resultErrors(r, rules, `${at}.results[${i}]`))];
}

function ruleErrors(rule: unknown, at: string): string[] {
  if (!isObject(rule)) return [`github: ${at} is not an object`];
  const errors: string[] = [];
  if (typeof rule.id !== 'string' || rule.id === '') errors.push(`github: ${at}.id missing`);
  if (typeof rule.name === 'string' && rule.name.length > 255) errors.push(`github: ${at}.name longer than 255`);
  for (const key of ['shortDescription', 'fullDescription', 'help']) {
    const t = text(rule[key]);
    if (!t || t.trim() === '') errors.push(`github: ${at}.${key}.text empty or missing`);
    else if (key !== 'help' && t.length > 1024) errors.push(`github: ${at}.${key}.text longer than 1024`);
  }
  const props = isObject(rule.properties) ? rule.properties : {};
  errors.push(...tagErrors(props.tags, at), ...severityErrors(props['security-severity'], at));
  return errors;
}

function tagErrors(tags: unknown, at: string): string[] {
  if (tags === undefined) return [];
  if (!Array.isArray(tags)) return [`github: ${at}.properties.tags is not an array`];
  const errors: string[] = [];
  if (new Set(tags).size !== tags.length) errors.push(`github: ${at}.properties.tags has duplicates`);
  if (tags.length > 10) errors.push(`github: ${at}.properties.tags has more than 10 entries`);
  return errors;
}

function severityErrors(score: unknown, at: string): string[] {
  if (score === undefined) return [];
  const n = typeof score === 'string' && score.trim() !== '' ? Number(score) : NaN;
  if (!(n > 0 && n <= 10)) return [`github: ${at}.properties.security-severity ${JSON.stringify(score)} is not a number string in (0, 10]`];
  return [];
}

function resultErrors(result: unknown, rules: unknown[], at: string): string[] {
  if (!isObject(result)) return [`github: ${at} is not an object`];
  const errors: string[] = [];
  const msg = text(result.message);
  if (!msg || msg.trim() === '') errors.push(`github: ${at}.message.text empty or missing`);
  if (typeof result.ruleId !== 'string' || result.ruleId === '') errors.push(`github: ${at}.ruleId missing`);
  if (result.ruleIndex !== undefined) {
    const rule = typeof result.ruleIndex === 'number' ? rules[result.ruleIndex] : undefined;
    if (!isObject(rule) || rule.id !== result.ruleId) errors.push(`github: ${at}.ruleIndex does not point at rule ${String(result.ruleId)}`);
  }
  if (!Array.isArray(result.locations) || result.locations.length !== 1) {
    return [...errors, `github: ${at} must have exactly one location`];
  }
  return [...errors, ...locationErrors(result.locations[0], `${at}.locations[0]`)];
}

function locationErrors(loc: unknown, at: string): string[] {
  const phys = isObject(loc) && isObject(loc.physicalLocation) ? loc.physicalLocation : undefined;
  if (!phys) return [`github: ${at}.physicalLocation missing`];
  const errors: string[] = [];
  const uri = isObject(phys.artifactLocation) ? phys.artifactLocation.uri : undefined;
  if (typeof uri !== 'string' || uri === '') errors.push(`github: ${at} artifactLocation.uri missing`);
  else if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri) || uri.startsWith('/') || uri.includes('\\')) {
    errors.push(`github: ${at} uri ${JSON.stringify(uri)} is not a relative path with / separators`);
  }
  const line = isObject(phys.region) ? phys.region.startLine : undefined;
  if (!(typeof line === 'number' && Number.isInteger(line) && line >= 1)) errors.push(`github: ${at} region.startLine missing`);
  return errors;
}
