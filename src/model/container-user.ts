/**
 * Who a container's processes run as, from the evidence the scan has: the launch's own user setting, the final
 * USER of the Dockerfile it builds (or of the local image it runs), an entrypoint that drops privileges, or an
 * image whose own metadata or entrypoint picks a non-root user. When none of these can be seen the answer is
 * unknown, and the rule says so.
 */
import type { Located } from '../types.js';
import { effectiveUser, type DockerfileDoc } from '../parse/dockerfile.js';
import type { ContainerLaunch } from './launch.js';
import type { ProjectModel } from './project.js';
import { basename } from './argv.js';
import { imageName } from './local-images.js';
import { startCommands } from './entrypoint.js';

export type UserVerdict =
  | { root: true; because: 'explicit'; user: Located<string> }
  /** Its Dockerfile is in the scan and sets no non-root user. */
  | { root: true; because: 'dockerfile' }
  /** An official base image with no USER of its own. */
  | { root: true; because: 'image'; image: string }
  /** The image is not in the scan: root unless its own metadata says otherwise, which cannot be seen here. */
  | { root: 'unknown' }
  | { root: false; user?: Located<string>; because?: string };

/** Images whose own metadata sets a non-root user. */
const NON_ROOT_IMAGES = /^mcr\.microsoft\.com\/(?:vscode\/)?devcontainers\/|:nonroot\b|-nonroot\b|^gcr\.io\/distroless\/.*:nonroot|^cgr\.dev\/chainguard\//;

/**
 * Official images whose entrypoint starts the service as its own user (`exec gosu postgres …`), per each
 * image's docker-entrypoint.sh in github.com/docker-library/<name>: postgres, redis, mysql, mariadb, mongo,
 * rabbitmq, cassandra, elasticsearch/opensearch (USER 1000 in the image), memcached (USER memcache), and
 * and images whose Dockerfile ends with a non-root USER: nginx-unprivileged, grafana (472), prometheus (nobody),
 * qdrant, neo4j, valkey and the Bitnami images (1001).
 */
const DROPS_BY_DESIGN = new Set([
  'postgres', 'postgis/postgis', 'pgvector/pgvector', 'redis', 'mysql', 'mariadb', 'mongo', 'rabbitmq', 'cassandra', 'elasticsearch',
  'opensearchproject/opensearch', 'memcached', 'nginxinc/nginx-unprivileged', 'grafana/grafana', 'grafana/grafana-oss', 'prom/prometheus',
  'qdrant/qdrant', 'neo4j', 'valkey/valkey', 'bitnami/redis', 'bitnami/postgresql', 'bitnami/mysql', 'bitnami/mongodb',
]);

/** Official base images with no USER: they run as root unless told otherwise (their Dockerfiles on Docker Hub). */
const ROOT_BY_DEFAULT = new Set([
  'node', 'python', 'golang', 'ubuntu', 'debian', 'alpine', 'fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux', 'archlinux',
  'buildpack-deps', 'ruby', 'rust', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'php', 'perl', 'busybox', 'oven/bun', 'gcc', 'haskell',
  'elixir', 'erlang', 'julia', 'swift', 'dart', 'maven', 'gradle', 'docker', 'nixos/nix', 'ghcr.io/astral-sh/uv', 'mcr.microsoft.com/dotnet/sdk',
]);

/** Programs that run the rest of the command as another user. */
const DROP_PROGRAMS = new Set(['gosu', 'su-exec', 'runuser', 'setpriv', 's6-setuidgid', 'chpst', 'setuidgid', 'su']);

export function isRootUser(u: string): boolean {
  const name = u.trim().split(':')[0];
  return name === 'root' || name === '0';
}

export function launchUser(model: ProjectModel, l: ContainerLaunch): UserVerdict {
  if (l.user) return userVerdict(l.user);
  if (l.dockerfile) return dockerfileUser(model, l.dockerfile);
  if (l.image && NON_ROOT_IMAGES.test(l.image.value)) return { root: false, because: `the image ${l.image.value} sets a non-root user` };
  if (l.image && DROPS_BY_DESIGN.has(imageName(l.image.value))) return { root: false, because: `the ${imageName(l.image.value)} image starts its service as its own user` };
  if (l.image && ROOT_BY_DEFAULT.has(imageName(l.image.value))) return { root: true, because: 'image', image: l.image.value };
  return { root: 'unknown' };
}

/** The final stage's USER, else an entrypoint that drops privileges, else a non-root base image. */
export function dockerfileUser(model: ProjectModel, d: DockerfileDoc): UserVerdict {
  const u = effectiveUser(d);
  if (u && !isRootUser(u.value)) return userVerdict(u);
  const drop = entrypointDrops(model, d);
  if (drop) return { root: false, because: drop };
  if (u) return userVerdict(u);
  const base = d.stages.at(-1)?.image.value;
  if (base && NON_ROOT_IMAGES.test(base)) return { root: false, because: `its base image ${base} sets a non-root user` };
  return { root: true, because: 'dockerfile' };
}

function userVerdict(u: Located<string>): UserVerdict {
  // A user from a variable (`${UID}:${GID}`, `$(id -u)`) is the invoking user's, not root.
  return isRootUser(u.value) && !u.value.includes('$') ? { root: true, because: 'explicit', user: u } : { root: false, user: u };
}

/**
 * The image's start command switches user: `ENTRYPOINT ["gosu", "app", …]`, or an entrypoint script of the
 * scan that runs `exec gosu`, `su-exec`, `runuser`, `setpriv`, `s6-setuidgid`, `su -c`.
 */
function entrypointDrops(model: ProjectModel, d: DockerfileDoc): string | undefined {
  for (const c of startCommands(model, d)) {
    const prog = basename(c.words[0]?.text ?? '');
    if (!DROP_PROGRAMS.has(prog) || (prog === 'su' && !c.words.some((w) => w.text === '-c'))) continue;
    return c.dockerfile === d ? `its entrypoint runs ${prog}` : `its entrypoint ${c.loc.file} runs ${prog} (line ${c.loc.start.line})`;
  }
  return undefined;
}
