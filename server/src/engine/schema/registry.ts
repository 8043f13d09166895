// Which validator checks an object. Bundled kinds use the validators compiled ahead of time
// (generated/), whose module is loaded on the first object that needs it; custom resources use the
// schemas from settings, compiled on first use. A kind with no schema is not checked at all.
import { CATALOG, loadValidatorModule, type ValidatorModule } from './generated/catalog';
import { compileCustomSchema } from './custom';
import type { CustomSchemaSet } from './settings';
import type { ValidateFunction } from './validator-types';

export type SchemaSource = 'kubernetes' | 'istio' | 'custom';

export interface ValidatorRef {
  validate: ValidateFunction;
  source: SchemaSource;
  /** For custom schemas: where the schema came from. */
  origin?: string;
}

const modules = new Map<ValidatorModule, Record<string, ValidateFunction>>();

/** True when Kubeward ships a schema for this apiVersion and kind. */
export function hasBundledSchema(apiVersion: string, kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(CATALOG, `${apiVersion}/${kind}`);
}

/** The bundled kinds, as `apiVersion/kind`. */
export function bundledKinds(): string[] {
  return Object.keys(CATALOG);
}

export function validatorFor(apiVersion: string, kind: string, custom?: CustomSchemaSet): ValidatorRef | undefined {
  const own = custom?.get(apiVersion, kind);
  if (own) {
    const validate = compileCustomSchema(own);
    return validate ? { validate, source: 'custom', origin: own.source } : undefined;
  }
  const key = `${apiVersion}/${kind}`;
  if (!Object.prototype.hasOwnProperty.call(CATALOG, key)) return undefined;
  const [mod, exp] = CATALOG[key];
  let loaded = modules.get(mod);
  if (!loaded) {
    loaded = loadValidatorModule(mod);
    modules.set(mod, loaded);
  }
  return { validate: loaded[exp], source: mod.startsWith('kubernetes') ? 'kubernetes' : 'istio' };
}

/** Which validator modules have been loaded so far (for tests of the lazy loading). */
export function loadedValidatorModules(): ValidatorModule[] {
  return [...modules.keys()];
}
