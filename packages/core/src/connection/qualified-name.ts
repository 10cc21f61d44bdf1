/** A table (or other object) name with an optional schema. */
export interface QualifiedName {
  readonly name: string;
  readonly schema?: string | undefined;
}
