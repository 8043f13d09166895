// The stdio transport's message encoder. A publishDiagnostics message made by publishParams carries
// a function that gives its params as JSON from each YAML document's cached UTF-8 JSON, copied once
// into the message: a keystroke in a 50,000-line manifest then serialises the edited document's
// diagnostics instead of all 2,345 of the file's (JSON.stringify of the whole message took about 6 ms there). Everything else, and any
// message that does not have exactly the fields jsonrpc, method and params, is JSON.stringify'd as
// vscode-jsonrpc's own encoder does. The IPC transport (VS Code) has no encoder to replace: Node
// serialises its messages itself.
import { PUBLISH_JSON, type PublishParams } from './diagnostics';

const PUBLISH = 'textDocument/publishDiagnostics';

/** The message as UTF-8 JSON, the bytes of JSON.stringify(message). */
export function messageBytes(message: unknown): Buffer {
  const m = message as { jsonrpc?: unknown; method?: unknown; params?: PublishParams };
  const pieces = m.method === PUBLISH && typeof m.params === 'object' && m.params !== null ? m.params[PUBLISH_JSON] : undefined;
  if (pieces) {
    const keys = Object.keys(m);
    if (keys.length === 3 && keys[0] === 'jsonrpc' && keys[1] === 'method' && keys[2] === 'params') {
      // One copy of each document's cached bytes into the message, no string in between.
      return Buffer.concat([Buffer.from(`{"jsonrpc":${JSON.stringify(m.jsonrpc)},"method":"${PUBLISH}","params":`, 'utf8'), ...pieces(), CLOSE]);
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
