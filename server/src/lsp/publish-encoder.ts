// The stdio transport's message encoder. A publishDiagnostics message made by publishParams carries
// a function that writes its params as JSON from each YAML document's cached JSON: a keystroke in
// a 50,000-line manifest then serialises the edited document's diagnostics instead of all 2,345 of
// the file's (JSON.stringify of the whole message took about 6 ms there). Everything else, and any
// message that does not have exactly the fields jsonrpc, method and params, is JSON.stringify'd as
// vscode-jsonrpc's own encoder does. The IPC transport (VS Code) has no encoder to replace: Node
// serialises its messages itself.
import { PUBLISH_JSON, type PublishParams } from './diagnostics';

const PUBLISH = 'textDocument/publishDiagnostics';

/** The JSON of a message, as JSON.stringify(message) writes it. */
export function messageJson(message: unknown): string {
  const m = message as { jsonrpc?: unknown; method?: unknown; params?: PublishParams };
  const raw = m.method === PUBLISH && typeof m.params === 'object' && m.params !== null ? m.params[PUBLISH_JSON] : undefined;
  if (raw) {
    const keys = Object.keys(m);
    if (keys.length === 3 && keys[0] === 'jsonrpc' && keys[1] === 'method' && keys[2] === 'params') return `{"jsonrpc":${JSON.stringify(m.jsonrpc)},"method":"${PUBLISH}","params":${raw()}}`;
  }
  return JSON.stringify(message, undefined, 0);
}

/** A vscode-jsonrpc ContentTypeEncoder for StreamMessageWriter. */
export const publishEncoder = {
  name: 'application/json',
  encode(message: unknown, options: { charset: BufferEncoding }): Promise<Uint8Array> {
    try {
      return Promise.resolve(Buffer.from(messageJson(message), options.charset));
    } catch (err) {
      return Promise.reject(err);
    }
  },
};
