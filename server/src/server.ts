// Entry of dist/server.js, the `kubeward-language-server` bin. The transport comes from the command
// line, as vscode-languageserver reads it: --stdio (other editors), --node-ipc (VS Code),
// --socket=<port> or --pipe=<name>.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/language-server';

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
  const connection = createConnection(ProposedFeatures.all);
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
  startLanguageServer(connection, { name: 'kubeward', version: version() });
  connection.listen();
}
