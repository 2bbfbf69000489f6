import * as z from 'zod';

/** RFC 9457 problem details, the body of every 4xx and 5xx answer. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().meta({ description: 'Stable machine-readable error code, e.g. VALIDATION_FAILED.' }),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          field: z.string(),
          message: z.string(),
          issue: z
            .string()
            .optional()
            .meta({ description: 'The kind of check that failed, e.g. too_small, too_big, invalid_format, invalid_type, invalid_value, custom' }),
          limit: z.number().optional().meta({ description: 'The bound of a too_small or too_big check' }),
          of: z.string().optional().meta({ description: 'What the bound counts: string (characters), number, array (items)' }),
        }),
      )
      .optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Members RFC 9457 defines, which an error's extra facts may not overwrite (a domain state is `currentStatus`). */
export const RESERVED_PROBLEM_MEMBERS = ['type', 'title', 'status', 'detail', 'code', 'instance'] as const;

export function problemBody(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  const facts = Object.fromEntries(
    Object.entries(extra).filter(([key]) => key === 'instance' || !(RESERVED_PROBLEM_MEMBERS as readonly string[]).includes(key)),
  );
  return {
    ...facts,
    type: `urn:fuhua:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
  };
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
