// The shape of ajv's validate functions and errors, declared here so that the engine does not
// import ajv: the bundled validators are plain generated code with no runtime dependency.

export interface SchemaErrorObject {
  /** JSON pointer to the value the error is about (the object, for unknown and missing keys). */
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  /** Set for `propertyNames` errors: the key that is not allowed. */
  propertyName?: string;
}

export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: SchemaErrorObject[] | null;
}
