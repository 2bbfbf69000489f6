import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ID_PREFIXES, Id, idPattern, newId } from '../../shared/ids';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(path) ? [path] : [];
  });
}
const server = [...sources('shared'), ...sources('functions'), ...sources('infra')].filter((path) => !path.startsWith(join('functions', 'console')));

describe('the registry of id prefixes', () => {
  it('names a different kind of record for every prefix', () => {
    const names = Object.values(ID_PREFIXES);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('lists only prefixes some code mints', () => {
    const code = server.map((path) => readFileSync(path, 'utf8')).join('\n');
    expect(Object.keys(ID_PREFIXES).filter((prefix) => !code.includes(`newId('${prefix}')`))).toEqual([]);
  });

  it('is the only place an id pattern is written', () => {
    const inline = server.filter((path) => !path.endsWith(join('shared', 'ids.ts')) && /_\[0-9A-Z\]\{26\}/.test(readFileSync(path, 'utf8')));
    expect(inline).toEqual([]);
  });

  it('mints ids that its own pattern and schema take, and no other kind', () => {
    const id = newId('stp');
    expect(id).toMatch(idPattern('stp'));
    expect(Id('stp').safeParse(id).success).toBe(true);
    expect(Id('apl').safeParse(id).success).toBe(false);
    expect(Id('apl').safeParse(id).error?.issues[0]?.message).toBe('must be an id starting with apl_');
    expect(id).toMatch(idPattern('apl', 'stp'));
    expect(id).not.toMatch(idPattern('apl', 'clm'));
  });
});
