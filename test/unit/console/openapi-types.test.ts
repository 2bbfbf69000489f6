import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TYPES_FILE } from '../../../functions/console/generate-types';
import { openApiHash } from '../../../functions/console/openapi-source';

describe("the console's API types", () => {
  it('were generated from the OpenAPI document the API serves today (else run npm run console:types)', () => {
    const header = /^\/\/ openapi-sha256: ([0-9a-f]{64})$/m.exec(readFileSync(TYPES_FILE, 'utf8'));
    expect(header, 'the generated file names the document it came from').not.toBeNull();
    expect(header![1]).toBe(openApiHash());
  });
});
