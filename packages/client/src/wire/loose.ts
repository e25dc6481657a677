/**
 * The wire as it really arrives, derived from the generated (strict) types: every field optional
 * and nullable, numbers and strings interchangeable (live answers send `"0.13"` where the schema
 * says number, `10000` where older documents said string), `readonly` dropped. Derived rather than
 * written by hand, so a renamed field in spec/ changes the loose type too.
 */
export type Loose<T> = T extends string | number
  ? string | number
  : T extends boolean
    ? boolean
    : T extends readonly (infer U)[]
      ? Loose<U>[]
      : T extends object
        ? { -readonly [K in keyof T]?: Loose<NonNullable<T[K]>> | null }
        : T;
