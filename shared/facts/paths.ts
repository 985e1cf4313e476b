/**
 * The type of every path a rule may read, derived from the source schemas (not written
 * twice), so a typo such as `social_insurance.unemploymentInsurancePaidFenn` or an enum
 * value `'smal'` fails when a policy is compiled, not silently at evaluation time.
 */
import { z } from 'zod';
import { IsoDate } from './dates';
import { FACT_SOURCES, VALUES_BY_SOURCE } from './sources';

export type ScalarKind = 'number' | 'boolean' | 'string' | 'date';

export type FieldType =
  | { kind: ScalarKind; nullable: boolean; options?: readonly string[] }
  | { kind: 'list'; item: Fields }
  | { kind: 'object'; fields: Fields };

export type Fields = Readonly<Record<string, FieldType>>;

function unwrap(schema: z.ZodType): { inner: z.ZodType; nullable: boolean } {
  let inner = schema;
  let nullable = false;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional) {
    nullable ||= inner instanceof z.ZodNullable;
    inner = inner.unwrap() as z.ZodType;
  }
  return { inner, nullable };
}

/** Union options are merged: a field present in only one option reads as missing in the others. */
function objectFields(schema: z.ZodType): Fields {
  if (schema instanceof z.ZodDiscriminatedUnion) {
    return schema.options.map((o) => objectFields(o as z.ZodType)).reduce(mergeFields, {});
  }
  if (!(schema instanceof z.ZodObject)) throw new Error('fact values must be objects');
  const fields: Record<string, FieldType> = {};
  for (const [name, field] of Object.entries(schema.shape))
    fields[name] = fieldType(field as z.ZodType);
  return fields;
}

/** The discriminator (`role`) appears in every option with one value each: keep them all. */
function mergeFields(a: Fields, b: Fields): Fields {
  const merged: Record<string, FieldType> = { ...a };
  for (const [name, t] of Object.entries(b)) {
    const prev = merged[name];
    const both = prev && 'options' in prev && prev.options && 'options' in t && t.options;
    merged[name] = both
      ? { ...t, options: [...new Set([...(prev.options ?? []), ...(t.options ?? [])])] }
      : t;
  }
  return merged;
}

function fieldType(schema: z.ZodType): FieldType {
  const { inner, nullable } = unwrap(schema);
  if (inner === IsoDate) return { kind: 'date', nullable };
  if (inner instanceof z.ZodNumber) return { kind: 'number', nullable };
  if (inner instanceof z.ZodBoolean) return { kind: 'boolean', nullable };
  if (inner instanceof z.ZodEnum)
    return { kind: 'string', nullable, options: inner.options.map(String) };
  if (inner instanceof z.ZodLiteral)
    return { kind: 'string', nullable, options: [...inner.values].map(String) };
  if (inner instanceof z.ZodString) return { kind: 'string', nullable };
  if (inner instanceof z.ZodArray)
    return { kind: 'list', item: objectFields(inner.element as z.ZodType) };
  return { kind: 'object', fields: objectFields(inner) };
}

/** `{ market_registry: { kind: 'object', fields: {...} }, … }`. */
export const FACT_FIELDS: Fields = Object.fromEntries(
  FACT_SOURCES.map(
    (s) => [s, { kind: 'object', fields: objectFields(VALUES_BY_SOURCE[s]) }] as const,
  ),
);

/** The type at a dotted path under `fields`, or undefined when no such path exists. */
export function resolvePath(fields: Fields, path: readonly string[]): FieldType | undefined {
  let current: FieldType = { kind: 'object', fields };
  for (const segment of path) {
    // hasOwnProperty, not `in`: `toString` must not resolve; not Object.hasOwn: the mini-app runtime may lack it.
    if (current.kind !== 'object' || !Object.prototype.hasOwnProperty.call(current.fields, segment))
      return undefined;
    current = current.fields[segment] as FieldType;
  }
  return current;
}
