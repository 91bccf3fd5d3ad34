import { describe, expect, it } from '@jest/globals';
import { groupQuestions } from './question-groups.js';

/** pg_trgm's trigrams of a text (what show_trgm returns): each word padded with two spaces before and one after. */
function trigrams(text: string): string[] {
  const set = new Set<string>();
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  }
  return [...set].sort();
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const asked = (question: string, minute: number) => ({ question, trigrams: trigrams(question), askedAt: at(minute) });

describe('grouping unanswered questions by wording', () => {
  it('puts alike questions together under the most asked wording, largest group first', () => {
    const groups = groupQuestions(
      [
        asked('Does the widget support dark mode?', 1),
        asked('How do I reset my password?', 2),
        asked('how do i  reset my password?', 3),
        asked('How can I reset my password', 4),
      ],
      0.5,
    );
    expect(groups.map((g) => [g.question, g.items.map((i) => i.askedAt.getUTCMinutes())])).toEqual([
      ['How do I reset my password?', [4, 3, 2]],
      ['Does the widget support dark mode?', [1]],
    ]);
  });

  it('keeps questions apart below the threshold, and joins them at a lower one', () => {
    const items = [asked('reset my password', 1), asked('reset my account', 2)];
    expect(groupQuestions(items, 0.9)).toHaveLength(2);
    expect(groupQuestions(items, 0.3)).toHaveLength(1);
  });

  it('lets a wording join only one group: the first leader alike enough takes it', () => {
    const groups = groupQuestions([asked('export my data', 1), asked('export my data', 2), asked('export my data now', 3), asked('delete my data now', 4)], 0.5);
    expect(groups.map((g) => [g.question, g.items.length])).toEqual([
      ['export my data', 3],
      ['delete my data now', 1],
    ]);
  });

  it('finds every pair a comparison of all pairs finds (the prefix filter is exact)', () => {
    const words = ['reset', 'password', 'widget', 'theme', 'dark', 'mode', 'export', 'my', 'data', 'how', 'do', 'i', 'the', 'account', 'sign', 'in'];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const items = Array.from({ length: 300 }, (_, i) =>
      asked(Array.from({ length: 2 + Math.floor(next() * 4) }, () => words[Math.floor(next() * words.length)]).join(' '), i),
    );
    for (const threshold of [0.3, 0.5, 0.8]) {
      const byPrefix = groupQuestions(items, threshold).map((g) => g.items.map((i) => i.askedAt.getTime()).join());
      expect(byPrefix).toEqual(allPairsGrouping(items, threshold));
    }
  });

  it('finds the same pairs on long questions, whose trigrams crowd the bitmap filter', () => {
    const syllables = ['ka', 'lo', 'mi', 'ra', 'te', 'su', 'no', 'vi', 'de', 'po', 'xu', 'zen', 'tor', 'bel', 'qua', 'fin'];
    let seed = 11;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const word = () => Array.from({ length: 2 + Math.floor(next() * 2) }, () => syllables[Math.floor(next() * syllables.length)]).join('');
    const base = Array.from({ length: 30 }, () => Array.from({ length: 20 + Math.floor(next() * 20) }, word));
    // Each base question, and a copy with a few words changed: some pairs alike, most not.
    const items = base.flatMap((words, i) => [
      asked(words.join(' '), 2 * i),
      asked(words.map((w) => (next() < 0.25 ? word() : w)).join(' '), 2 * i + 1),
    ]);
    expect(items.some((item) => item.trigrams.length > 100)).toBe(true);
    expect(groupQuestions(items, 0.5).length).toBeLessThan(items.length);
    for (const threshold of [0.3, 0.5, 0.7]) {
      const grouped = groupQuestions(items, threshold).map((g) => g.items.map((i) => i.askedAt.getTime()).join());
      expect(grouped).toEqual(allPairsGrouping(items, threshold));
    }
  });

  it('returns nothing for nothing', () => {
    expect(groupQuestions([], 0.5)).toEqual([]);
  });
});

/** The same leader clustering, measuring every pair: slow, and obviously right. */
function allPairsGrouping(items: ReturnType<typeof asked>[], threshold: number): string[] {
  const wordings = new Map<string, ReturnType<typeof asked>[]>();
  for (const item of items) {
    const key = item.question.trim().replace(/\s+/g, ' ').toLowerCase();
    wordings.set(key, [...(wordings.get(key) ?? []), item]);
  }
  const latest = (list: ReturnType<typeof asked>[]) => Math.max(...list.map((i) => i.askedAt.getTime()));
  const ranked = [...wordings.values()].sort((a, b) => b.length - a.length || latest(b) - latest(a));
  const similarity = (a: string[], b: string[]) => {
    const shared = a.filter((t) => b.includes(t)).length;
    return shared / (a.length + b.length - shared);
  };
  const taken = new Set<number>();
  const groups: ReturnType<typeof asked>[][] = [];
  ranked.forEach((leader, i) => {
    if (taken.has(i)) return;
    taken.add(i);
    const members = [...leader];
    ranked.forEach((other, j) => {
      if (!taken.has(j) && similarity(leader[0]!.trigrams, other[0]!.trigrams) >= threshold) {
        taken.add(j);
        members.push(...other);
      }
    });
    groups.push(members.sort((a, b) => b.askedAt.getTime() - a.askedAt.getTime()));
  });
  return groups
    .sort((a, b) => b.length - a.length || b[0]!.askedAt.getTime() - a[0]!.askedAt.getTime())
    .map((g) => g.map((i) => i.askedAt.getTime()).join());
}
