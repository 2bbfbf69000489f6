import type { EntryTally } from './judging-repository';
import type { RankedEntry } from './schema';

/** `a/b` against `c/d` without floating point: means are compared exactly, so ties are real ties. */
function compareMeans(sumA: number, countA: number, sumB: number, countB: number): number {
  return sumA * countB - sumB * countA;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The ranking rule: higher mean total first; equal means broken by the higher mean execution
 * score, then by the earlier entry. Entries without scores come last.
 */
export function rankEntries(entries: readonly EntryTally[]): RankedEntry[] {
  const sorted = [...entries].sort((a, b) => {
    if (a.scoreCount === 0 || b.scoreCount === 0) {
      if (a.scoreCount !== b.scoreCount) return a.scoreCount === 0 ? 1 : -1;
    } else {
      const byTotal = compareMeans(b.totalSum, b.scoreCount, a.totalSum, a.scoreCount);
      if (byTotal !== 0) return byTotal;
      const byExecution = compareMeans(b.executionSum, b.scoreCount, a.executionSum, a.scoreCount);
      if (byExecution !== 0) return byExecution;
    }
    return a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1;
  });
  return sorted.map((entry, index) => ({
    rank: index + 1,
    entryId: entry.id,
    startupId: entry.startupId,
    startupName: entry.startupName,
    pitchTitle: entry.pitchTitle,
    scoreCount: entry.scoreCount,
    meanTotal: entry.scoreCount ? round2(entry.totalSum / entry.scoreCount) : null,
    meanExecution: entry.scoreCount ? round2(entry.executionSum / entry.scoreCount) : null,
  }));
}
