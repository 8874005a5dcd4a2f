/** Dockerfiles via dockerfile-ast: stages, users, env, copies and commands, each located. */
import { DockerfileParser } from 'dockerfile-ast';
import type { Loc, Located } from '../types.js';
import type { ParseProblem } from './result.js';
import type { TextIndex } from './text-index.js';
import type { CommandSpec } from '../model/launch.js';

export interface DockerEnv {
  name: string;
  /** null for `ARG NAME` with no default. */
  value: string | null;
  keyword: 'ENV' | 'ARG' | 'LABEL';
  loc: Loc;
  valueLoc: Loc;
}

export interface DockerCopy {
  keyword: 'COPY' | 'ADD';
  sources: Located<string>[];
  /** Where it copies to, as written. */
  dest: string;
  /** The text of a copied sudoers file, read from the build context (for the passwordless-sudo rule). */
  sudoers?: { source: Located<string>; text: string }[];
  flags: Map<string, string | null>;
  loc: Loc;
  /** The body of `COPY <<EOF dest`: the file's content, written in the Dockerfile. */
  inline?: string;
}

export interface DockerStage {
  /** The image reference as written after FROM (may name an earlier stage). */
  image: Located<string>;
  name?: string;
  user?: Located<string>;
}

export interface DockerfileDoc {
  file: string;
  stages: DockerStage[];
  env: DockerEnv[];
  copies: DockerCopy[];
  /** RUN, CMD and ENTRYPOINT: shell form as written, or JSON (exec) form as argv. */
  commands: (CommandSpec & { keyword: 'RUN' | 'CMD' | 'ENTRYPOINT' })[];
  /** What `docker build` would reject: an unknown instruction, no FROM. The rest is still read. */
  problems: ParseProblem[];
  /**
   * Images pulled by other means than FROM: `COPY --from=<image>` and `RUN --mount=…,from=<image>`, as written
   * (a stage name or index stays here too; the rule tells them apart), located at the value.
   */
  pulled: Located<string>[];
  /** A `.env` file exists in its build context (set by the loader; only the name is checked, never the content). */
  dotenvInContext?: boolean;
  /** Patterns of the `.dockerignore` beside it (or `<name>.dockerignore`); undefined when there is none. */
  dockerignore?: string[];
}

const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/** dockerfile-ast's LSP range: 0-based lines and characters. */
interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * The arguments as written and where they are. dockerfile-ast splits the arguments again on every call that
 * needs them, so this is asked once, and only of the instructions whose arguments are read.
 */
function argumentsOf(ins: import('dockerfile-ast').Instruction, index: TextIndex): { raw: string; range: Range | null } {
  const range = ins.getArgumentsRange();
  return { raw: range ? index.text.slice(offsetOf(index, range.start), offsetOf(index, range.end)) : '', range };
}

/** An LSP position (0-based line and character) as an offset in the text. */
function offsetOf(index: TextIndex, p: { line: number; character: number }): number {
  return index.offset({ line: p.line + 1, column: p.character + 1 });
}

export function toLoc(file: string, r: Range): Loc {
  return {
    file,
    start: { line: r.start.line + 1, column: r.start.character + 1 },
    end: { line: r.end.line + 1, column: r.end.character + 1 },
  };
}

export function parseDockerfile(index: TextIndex): DockerfileDoc {
  const { file, text } = index;
  const df = DockerfileParser.parse(text);
  const lines = text.split(/\r\n|\r|\n/);
  // dockerfile-ast drops the spaces inside JSON strings ("npx -y x" → "npx-yx"): read each string from the source.
  const jsonStrings = (ins: import('dockerfile-ast').Instruction, raw: string): Located<string>[] => {
    if (!raw.trimStart().startsWith('[')) return [];
    const js = (ins as import('dockerfile-ast').JSONInstruction).getJSONStrings?.() ?? [];
    return js.map((j) => {
      const r = j.getRange();
      const raw = r.start.line === r.end.line ? (lines[r.start.line] ?? '').slice(r.start.character, r.end.character) : j.getValue();
      let value: string;
      try {
        value = JSON.parse(raw) as string;
      } catch {
        value = j.getJSONValue();
      }
      return { value, loc: toLoc(file, r) };
    });
  };
  const doc: DockerfileDoc = { file, stages: [], env: [], copies: [], commands: [], problems: [], pulled: [] };
  for (const ins of df.getInstructions()) {
    const keyword = ins.getKeyword().toUpperCase();
    const loc = toLoc(file, ins.getRange());
    // A template's slot (`{{PROFILE_INSTALLATIONS}}` alone on a line) is filled before the build: not an error.
    if (!INSTRUCTIONS.has(keyword) && /^\{\{\s*[\w.-]+\s*\}\}$/.test(ins.getTextContent?.().trim() ?? '')) continue;
    if (!INSTRUCTIONS.has(keyword) && doc.problems.length === 0) {
      doc.problems.push({ message: `Unknown instruction "${ins.getKeyword()}": docker build stops here. The rest of the file was still checked`, loc: toLoc(file, ins.getInstructionRange()) });
    }
    switch (keyword) {
      case 'FROM': {
        const from = ins as import('dockerfile-ast').From;
        const image = from.getImage();
        const range = from.getImageRange();
        if (image && range) doc.stages.push({ image: { value: image, loc: toLoc(file, range) }, name: from.getBuildStage() ?? undefined });
        break;
      }
      case 'USER': {
        const stage = doc.stages[doc.stages.length - 1];
        const args = ins.getArguments();
        if (stage && args[0]) stage.user = { value: args[0].getValue(), loc: toLoc(file, args[0].getRange()) };
        break;
      }
      case 'ENV':
      case 'ARG':
      case 'LABEL': {
        const props = (ins as import('dockerfile-ast').PropertyInstruction).getProperties();
        for (const p of props) {
          const valueRange = p.getValueRange() ?? p.getNameRange();
          doc.env.push({
            name: p.getName(),
            value: p.getValue(),
            keyword,
            loc: toLoc(file, p.getNameRange()),
            valueLoc: toLoc(file, valueRange),
          });
        }
        break;
      }
      case 'COPY':
      case 'ADD': {
        const { raw } = argumentsOf(ins, index);
        const mod = ins as import('dockerfile-ast').ModifiableInstruction;
        const flags = new Map(mod.getFlags().map((f) => [f.getName().toLowerCase(), f.getValue()] as const));
        for (const f of mod.getFlags()) {
          const range = f.getValueRange();
          if (f.getName().toLowerCase() === 'from' && f.getValue() && range) doc.pulled.push({ value: f.getValue()!, loc: toLoc(file, range) });
        }
        // The last argument is the destination; the JSON form (`COPY [".env", "/app/"]`) lists the same.
        const json = jsonStrings(ins, raw);
        const all = json.length ? json : mod.getArguments().map((a) => ({ value: a.getValue(), loc: toLoc(file, a.getRange()) }));
        const heredoc = /^<<-?["']?([A-Za-z_][\w-]*)["']?$/.exec(all[0]?.value ?? '');
        if (heredoc) {
          // `COPY <<EOF /etc/sudoers.d/agent`: the body is the file's content, written inline.
          const body = heredocBody(raw, heredoc[1]);
          const dest = all[1]?.value ?? '';
          doc.copies.push({ keyword, sources: [], dest, flags, loc, sudoers: /sudoers/.test(dest) ? [{ source: all[0], text: body }] : undefined, inline: body });
          break;
        }
        doc.copies.push({ keyword, sources: all.slice(0, -1), dest: all[all.length - 1]?.value ?? '', flags, loc });
        break;
      }
      case 'RUN':
      case 'CMD':
      case 'ENTRYPOINT': {
        if (keyword === 'RUN') doc.pulled.push(...mountImages(ins as import('dockerfile-ast').ModifiableInstruction, index));
        const { raw, range: argsRange } = argumentsOf(ins, index);
        // Exec form: `["npm", "install", "-g", "x"]` runs without a shell, one word per string.
        const json = jsonStrings(ins, raw);
        const argv = json.length ? json.map((j) => ({ text: j.value, loc: j.loc, dynamic: false })) : undefined;
        doc.commands.push({ keyword, value: raw, loc: argsRange ? toLoc(file, argsRange) : loc, argv, source: `Dockerfile ${keyword}` });
        break;
      }
    }
  }
  if (doc.stages.length === 0 && text.trim() !== '') {
    doc.problems.push({ message: 'No FROM instruction: docker build rejects this file. The rest of the file was still checked', loc: { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } });
  }
  return doc;
}

/** The lines after the first line up to the one holding only `marker`. */
function heredocBody(raw: string, marker: string): string {
  const lines = raw.split(/\r?\n/).slice(1);
  const end = lines.findIndex((l) => l.trim() === marker);
  return (end < 0 ? lines : lines.slice(0, end)).join('\n');
}

/** `RUN --mount=type=bind,from=node:20,source=…`: the `from=` image of each mount, located at its value. */
function mountImages(ins: import('dockerfile-ast').ModifiableInstruction, index: TextIndex): Located<string>[] {
  const out: Located<string>[] = [];
  for (const f of ins.getFlags()) {
    const range = f.getValueRange();
    const value = f.getValue();
    if (f.getName().toLowerCase() !== 'mount' || !value || !range) continue;
    const start = offsetOf(index, range.start);
    let at = 0;
    for (const part of value.split(',')) {
      const m = /^\s*from=(.+)$/i.exec(part);
      if (m) {
        const s = start + at + part.indexOf(m[1]);
        out.push({ value: m[1].trim(), loc: index.loc(s, s + m[1].length) });
      }
      at += part.length + 1;
    }
  }
  return out;
}

/** The stage an image is built from: the last one, following `FROM <earlier stage>` back to its base. */
export function finalStage(doc: DockerfileDoc): DockerStage | undefined {
  return doc.stages[doc.stages.length - 1];
}

/** The effective USER of the final stage, inherited through `FROM <stage>` chains. */
export function effectiveUser(doc: DockerfileDoc): Located<string> | undefined {
  let stage = finalStage(doc);
  const seen = new Set<DockerStage>();
  while (stage && !seen.has(stage)) {
    seen.add(stage);
    if (stage.user) return stage.user;
    const parentName = stage.image.value.toLowerCase();
    stage = doc.stages.find((s) => s.name?.toLowerCase() === parentName);
  }
  return undefined;
}
