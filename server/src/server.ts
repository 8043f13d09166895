// The language server, dist/server-main.js, which dist/server.js (the `kubeward-language-server` bin,
// server-boot.ts) runs with V8's code cache. The transport comes from the command
// line, as vscode-languageserver reads it: --stdio (other editors), --node-ipc (VS Code),
// --socket=<port> or --pipe=<name>.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Console } from 'node:console';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { saveCodeCache } from './boot/code-cache';
import { startLanguageServer } from './lsp/language-server';
import { publishEncoder } from './lsp/publish-encoder';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket=', '--pipe='];
const USAGE = `Usage: kubeward-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>

The Kubeward language server: Kubernetes and Istio security findings, quick fixes and hover
for YAML files, over the Language Server Protocol. Editors start it; see the README for setups.
`;

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${version()}\n`);
} else if (args.includes('--help') || args.includes('-h') || !args.some((a) => TRANSPORTS.some((t) => a === t || (t.endsWith('=') && a.startsWith(t))))) {
  const asked = args.includes('--help') || args.includes('-h');
  (asked ? process.stdout : process.stderr).write(USAGE);
  process.exitCode = asked ? 0 : 2;
} else {
  const connection = args.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  // A bug in one request must not take the editor's server down; log it and keep serving.
  process.on('uncaughtException', (err) => {
    try {
      connection.console.error(`Unexpected error: ${err.stack ?? err.message}`);
    } catch {
      // nowhere to report
    }
  });
  process.on('unhandledRejection', (reason) => {
    try {
      connection.console.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
    } catch {
      // nowhere to report
    }
  });
  // The code cache is written once the first diagnostics are out, so it holds what that lint compiled.
  startLanguageServer(connection, { name: 'kubeward', version: version() }, { afterFirstPublish: () => setImmediate(saveCodeCache) });
  connection.listen();
}

/**
 * Over stdio, with Kubeward's encoder (lsp/publish-encoder.ts) on standard output. The input stays
 * a stream, so the server exits when its input closes, as vscode-languageserver makes it do; and,
 * as it does for --stdio, nothing written to the console reaches standard output, where it would
 * break the protocol: the console writes to standard error.
 */
function stdioConnection(): Connection {
  const stderr = new Console({ stdout: process.stderr, stderr: process.stderr });
  for (const key of Object.keys(console) as (keyof Console)[]) {
    const fn = stderr[key];
    if (typeof fn === 'function') (console as unknown as Record<string, unknown>)[key] = (fn as (...a: unknown[]) => unknown).bind(stderr);
  }
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: publishEncoder });
  // The input as a stream (vscode-languageserver exits when it ends) and the output as a writer.
  return createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
}
