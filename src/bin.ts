/** The executable: runs the CLI and turns every outcome into an exit code; in a worker thread, lints shards. */
import { main } from './cli.js';
import { TOOL_NAME } from './meta.js';
import { serveShards, setWorkerEntry, shardWorkerInput } from './parallel.js';
import { lintShard, type ShardOptions } from './lint.js';

const shardWork = shardWorkerInput<ShardOptions>();
if (shardWork) {
  void serveShards(shardWork, lintShard);
} else {
  // Workers start the way the CLI does: through the launcher beside this bundle.
  setWorkerEntry(new URL('./cli.js', import.meta.url));
  // `agent-sandbox-lint . | head`: a reader that stops early is not an error; the exit code still tells the result.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    process.stderr.write(`${TOOL_NAME}: cannot write the report (${e.code ?? e.message})\n`);
    process.exitCode = 2;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Node would exit 1 on an uncaught error, which reads as "findings"; an internal error is 2.
      process.stderr.write(`${TOOL_NAME}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\nPlease report it with the file that caused it.\n`);
      process.exitCode = 2;
    },
  );
}
