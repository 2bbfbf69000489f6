import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config';

/** Every test file runs in exactly one project: a file in a new folder would otherwise never run. */
describe('vitest projects', () => {
  it('give every test file exactly one project', () => {
    const projects = (config.test?.projects ?? []) as { test: { name: string; include: string[] } }[];
    const folders = projects.map((p) => ({ name: p.test.name, folders: p.test.include.map((glob) => glob.replace(/\*\*\/\*\.test\.ts$/, '')) }));
    const files = readdirSync('test', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `test/${f.replaceAll('\\', '/')}`);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const owners = folders.filter((p) => p.folders.some((folder) => file.startsWith(folder))).map((p) => p.name);
      expect(owners, file).toHaveLength(1);
    }
  });
});
