import fc from 'fast-check';
import * as z from 'zod';
import type { AnyRoute } from '../../shared/http/route';

/** Request generators driven by the routes' own zod schemas (via JSON Schema). */
type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
};

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (schema.$ref?.startsWith('#/$defs/')) return resolve(root.$defs?.[schema.$ref.slice(8)] ?? {}, root);
  return schema;
}

/** Values that fit the schema (mostly; patterns and refinements may still refuse some). */
export function validish(input: JsonSchema, root: JsonSchema = input, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(input, root);
  if (schema.example !== undefined && depth > 0) return fc.oneof(fc.constant(schema.example), validishInner(schema, root, depth));
  return validishInner(schema, root, depth);
}

function validishInner(schema: JsonSchema, root: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((option) => validish(option, root, depth + 1)));
  if (schema.allOf?.[0]) return validish(schema.allOf[0], root, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 200));
      if (schema.format === 'date-time')
        return fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === 'date')
        return fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      const minLength = schema.minLength ?? 0;
      return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
    }
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000_000);
      return fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) });
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      if (depth > 6) return fc.constant([]);
      return fc.array(validish(schema.items ?? {}, root, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)) });
    }
    case 'object': {
      if (depth > 6) return fc.constant({});
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, validish(value, root, depth + 1)]));
      return fc.record(properties, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value changed so that it should be refused: wrong type, huge, unknown field, deep nesting. */
export function malformed(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(null, 0, -1, 1e308, '', 'x'.repeat(70_000), [], true, {}),
    valid.chain((value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? fc.oneof(
            fc.constant({ ...value, unexpectedField: 'mass-assignment' }),
            fc
              .constantFrom(...Object.keys(value).concat('_'))
              .chain((key) => fc.jsonValue({ maxDepth: 2 }).map((replacement) => ({ ...(value as object), [key]: replacement }))),
            fc.constantFrom(...Object.keys(value).concat('_')).map((key) => ({ ...(value as object), [key]: 'x'.repeat(20_000) })),
          )
        : fc.constant(value),
    ),
  );
}

export interface FuzzRequest {
  route: AnyRoute;
  path: string;
  query: string;
  body?: string | Uint8Array;
  contentType?: string;
  withToken: boolean;
}

const INVALID_UTF8 = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]);

function pathArbitrary(route: AnyRoute): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (names.length === 0) return fc.constant(route.path);
  const shape = (route.params?.shape ?? {}) as Record<string, z.ZodType>;
  const values = names.map((name) => {
    const schema = shape[name];
    const example = schema?.meta()?.example as string | undefined;
    return fc.oneof(
      { weight: 4, arbitrary: schema ? (validish(jsonSchemaOf(schema)) as fc.Arbitrary<string>) : fc.constant('x') },
      { weight: 2, arbitrary: example ? fc.constant(example) : fc.constant('x') },
      { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
    );
  });
  const prototypeNames = fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype');
  return fc.tuple(...values.map((value) => fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: prototypeNames }))).map((parts) => {
    let i = 0;
    return route.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(String(parts[i++])));
  });
}

/** Partitions that lists of every caller read: a tampered cursor names one of them to get past the partition check. */
const SHARED_PARTITIONS = ['APPLICANTS', 'COMMUNITIES', 'DISCLOSURES', 'EVENTS', 'EVENTS_OPEN', 'MENTORS', 'MENTORS_ACTIVE', 'NOTICES', 'PROGRAMMES'];
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'];

/**
 * Well-formed base64url JSON cursors that were never handed out: a real partition with a foreign,
 * missing, empty or non-string sort key, extra attributes, prototype-named members.
 */
export const tamperedCursor: fc.Arbitrary<string> = fc
  .oneof(
    fc
      .record({
        partition: fc.constantFrom(...SHARED_PARTITIONS),
        partitionAttribute: fc.constantFrom('pk', 'gsi1pk', 'gsi2pk', 'gsi3pk'),
        others: fc.dictionary(
          fc.constantFrom(...KEY_ATTRIBUTES, '__proto__', 'constructor', 'toString', 'x'),
          fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...SHARED_PARTITIONS), fc.integer(), fc.constant(null), fc.constant({})),
          { maxKeys: 5 },
        ),
      })
      .map(({ partition, partitionAttribute, others }) => JSON.stringify({ ...others, [partitionAttribute]: partition })),
    fc.constantFrom(
      '{"__proto__":{"pk":"APPLICANTS"}}',
      '{"gsi1pk":"APPLICANTS","__proto__":"x"}',
      '{"gsi1pk":"APPLICANTS","gsi1sk":"x","pk":"x","sk":"x","constructor":"x"}',
      '[]',
      'null',
      '"APPLICANTS"',
    ),
  )
  .map((json) => Buffer.from(json).toString('base64url'));

function queryArbitrary(route: AnyRoute): fc.Arbitrary<string> {
  const valid = route.query ? (validish(jsonSchemaOf(route.query)) as fc.Arbitrary<Record<string, unknown>>) : fc.constant({});
  const junk = fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 50 }), { maxKeys: 3 });
  const pages = route.query && 'cursor' in ((route.query as { shape?: object }).shape ?? {});
  const tampered = pages ? valid.chain((params) => tamperedCursor.map((cursor) => ({ ...params, cursor }))) : valid;
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: junk }, { weight: pages ? 2 : 1, arbitrary: tampered }).map((params) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    const text = search.toString();
    return text ? `?${text}` : '';
  });
}

function bodyArbitrary(route: AnyRoute): fc.Arbitrary<Pick<FuzzRequest, 'body' | 'contentType'>> {
  const valid = route.body ? validish(jsonSchemaOf(route.body)) : fc.constant({});
  return fc.oneof(
    { weight: 5, arbitrary: valid.map((value) => ({ body: JSON.stringify(value), contentType: 'application/json' })) },
    { weight: 4, arbitrary: malformed(valid).map((value) => ({ body: JSON.stringify(value), contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.constant({ body: '', contentType: 'application/json' }) },
    // Deep nesting, as text: stringifying it here would overflow this process's own stack.
    {
      weight: 1,
      arbitrary: fc.integer({ min: 50, max: 30_000 }).map((n) => ({ body: '{"a":' + '['.repeat(n) + ']'.repeat(n) + '}', contentType: 'application/json' })),
    },
    { weight: 1, arbitrary: fc.constant({ body: '{"a": ', contentType: 'application/json' }) },
    { weight: 1, arbitrary: fc.constant({ body: INVALID_UTF8, contentType: 'application/json' }) },
    {
      weight: 1,
      arbitrary: valid.map((value) => ({
        body: JSON.stringify(value),
        contentType: fc.sample(fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data'), 1)[0],
      })),
    },
    { weight: 1, arbitrary: fc.constant({ body: undefined, contentType: undefined }) },
  );
}

/** Requests across every route: valid, boundary and malformed. */
export function requestArbitrary(routes: readonly AnyRoute[]): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...routes).chain((route) =>
    fc
      .record({
        route: fc.constant(route),
        path: pathArbitrary(route),
        query: queryArbitrary(route),
        payload: route.method === 'get' || route.method === 'delete' ? fc.constant({}) : bodyArbitrary(route),
        withToken: fc.boolean().map((b) => b || route.access !== 'public'),
      })
      .map(({ payload, ...rest }) => {
        const request: FuzzRequest = { ...rest, ...payload };
        // Print a failing request as what was sent, not as the route's schema objects.
        return Object.assign(request, {
          [fc.toStringMethod]: () =>
            `${route.method.toUpperCase()} ${request.path}${request.query} ${typeof request.body === 'string' ? request.body.slice(0, 300) : String(request.body)}`,
        });
      }),
  );
}
