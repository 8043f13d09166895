// The stdio transport's message encoder. A publishDiagnostics message made by publishParams, and
// the response to textDocument/diagnostic with a full report made by PullReports, carry a function
// that gives their JSON from each YAML document's cached UTF-8 JSON (CACHED_JSON), copied once into
// the message: a keystroke in a 50,000-line manifest then serialises the edited document's
// diagnostics instead of all 2,345 of the file's (JSON.stringify of the whole message took about
// 6 ms there). Everything else, and any message that does not have exactly the fields jsonrpc,
// method and params (a notification) or jsonrpc, id and result (a response), in that order, is
// JSON.stringify'd as vscode-jsonrpc's own encoder does. The IPC transport (VS Code) has no encoder
// to replace: Node serialises its messages itself.
import { CACHED_JSON, type DiagnosticsJson } from './diagnostics';

const PUBLISH = 'textDocument/publishDiagnostics';

function cachedJson(value: unknown): DiagnosticsJson | undefined {
  return typeof value === 'object' && value !== null ? (value as { [CACHED_JSON]?: DiagnosticsJson })[CACHED_JSON] : undefined;
}

function hasKeys(m: object, names: readonly string[]): boolean {
  const keys = Object.keys(m);
  return keys.length === names.length && keys.every((k, i) => k === names[i]);
}

/** The message as UTF-8 JSON, the bytes of JSON.stringify(message). */
export function messageBytes(message: unknown): Buffer {
  const m = message as { jsonrpc?: unknown; method?: unknown; params?: unknown; id?: unknown; result?: unknown };
  if (typeof m === 'object' && m !== null) {
    const params = m.method === PUBLISH ? cachedJson(m.params) : undefined;
    if (params && hasKeys(m, ['jsonrpc', 'method', 'params'])) {
      // One copy of each document's cached bytes into the message, no string in between.
      return Buffer.concat([Buffer.from(`{"jsonrpc":${JSON.stringify(m.jsonrpc)},"method":"${PUBLISH}","params":`, 'utf8'), ...params(), CLOSE]);
    }
    const result = m.method === undefined ? cachedJson(m.result) : undefined;
    if (result && (typeof m.id === 'number' || typeof m.id === 'string') && hasKeys(m, ['jsonrpc', 'id', 'result'])) {
      return Buffer.concat([Buffer.from(`{"jsonrpc":${JSON.stringify(m.jsonrpc)},"id":${JSON.stringify(m.id)},"result":`, 'utf8'), ...result(), CLOSE]);
    }
  }
  return Buffer.from(JSON.stringify(message, undefined, 0), 'utf8');
}

/** The same as a string (tests compare it with JSON.stringify). */
export function messageJson(message: unknown): string {
  return messageBytes(message).toString('utf8');
}

const CLOSE = Buffer.from('}');

/** A vscode-jsonrpc ContentTypeEncoder for StreamMessageWriter (which writes UTF-8). */
export const publishEncoder = {
  name: 'application/json',
  encode(message: unknown, options: { charset: BufferEncoding }): Promise<Uint8Array> {
    try {
      return Promise.resolve(options.charset === 'utf-8' || options.charset === 'utf8' ? messageBytes(message) : Buffer.from(JSON.stringify(message, undefined, 0), options.charset));
    } catch (err) {
      return Promise.reject(err);
    }
  },
};
