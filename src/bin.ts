/** The executable: runs the CLI and turns every outcome into an exit code. */
import { main } from './cli.js';
import { TOOL_NAME } from './meta.js';

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
