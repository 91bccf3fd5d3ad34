/** One answer flagged as unanswered, with its question's trigrams (pg_trgm's show_trgm). */
export interface FlaggedQuestion {
  question: string;
  trigrams: string[];
  askedAt: Date;
}

export interface QuestionGroup<Item extends FlaggedQuestion> {
  /** The group's most frequent wording (then the most recent). */
  question: string;
  /** Every flagged answer in the group, newest first. */
  items: Item[];
}

interface Wording<Item> {
  text: string;
  trigrams: string[];
  items: Item[];
  latest: number;
}

/**
 * Groups questions by wording, with pg_trgm's measure: the share of trigrams two questions have in
 * common (shared / distinct in either, what `similarity()` returns). Leader clustering: wordings
 * ranked by how often they were asked; each one not yet taken leads a group and takes every
 * other free wording at least `threshold` alike.
 *
 * The trigrams come from PostgreSQL (show_trgm). Calling similarity() on every pair there costs
 * ~10 µs a pair (5 s for 1,000 questions), so the pairs are found here, exactly, with prefix
 * filtering (Xiao et al., "Efficient similarity joins for near duplicate detection"): with every
 * question's trigrams ordered rarest first, two questions alike by `threshold` or more share a
 * trigram among the first |x| − ⌈threshold·|x|⌉ + 1 of each. Only those prefixes are indexed, which
 * leaves out the common trigrams (" th", "how") that would make every question a candidate; each
 * candidate is then measured on all its trigrams.
 */
export function groupQuestions<Item extends FlaggedQuestion>(items: readonly Item[], threshold: number): QuestionGroup<Item>[] {
  const wordings = sameWordings(items);
  const ranked = rankTrigrams(wordings);
  const prefixes = new Map<number, number[]>();
  ranked.forEach((trigrams, index) => {
    for (const rank of trigrams.subarray(0, prefixLength(trigrams.length, threshold))) {
      const list = prefixes.get(rank);
      if (list) list.push(index);
      else prefixes.set(rank, [index]);
    }
  });
  const taken = new Uint8Array(wordings.length);
  // The leader that last looked at a wording, so each candidate is measured once per leader.
  const seenBy = new Int32Array(wordings.length).fill(-1);
  const groups: QuestionGroup<Item>[] = [];
  wordings.forEach((leader, leaderIndex) => {
    if (taken[leaderIndex]) return;
    taken[leaderIndex] = 1;
    const members = [leader];
    const mine = ranked[leaderIndex]!;
    for (const rank of mine.subarray(0, prefixLength(mine.length, threshold))) {
      for (const other of prefixes.get(rank)!) {
        if (taken[other] || seenBy[other] === leaderIndex) continue;
        seenBy[other] = leaderIndex;
        if (similarity(mine, ranked[other]!) >= threshold) {
          taken[other] = 1;
          members.push(wordings[other]!);
        }
      }
    }
    const groupItems = members.flatMap((m) => m.items).sort((a, b) => b.askedAt.getTime() - a.askedAt.getTime());
    groups.push({ question: leader.text, items: groupItems });
  });
  return groups.sort((a, b) => b.items.length - a.items.length || b.items[0]!.askedAt.getTime() - a.items[0]!.askedAt.getTime());
}

/** How many of a question's trigrams (rarest first) must include one shared with any question `threshold` alike. */
function prefixLength(size: number, threshold: number): number {
  return Math.max(0, size - Math.ceil(threshold * size) + 1);
}

/** Each wording's distinct trigrams as ranks, rarest trigram first (rank 0 is the rarest of all). */
function rankTrigrams(wordings: ReadonlyArray<{ trigrams: string[] }>): Int32Array[] {
  const frequency = new Map<string, number>();
  for (const { trigrams } of wordings) for (const trigram of new Set(trigrams)) frequency.set(trigram, (frequency.get(trigram) ?? 0) + 1);
  const order = [...frequency.keys()].sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : 1));
  const rank = new Map(order.map((trigram, index) => [trigram, index]));
  return wordings.map(({ trigrams }) => Int32Array.from(new Set(trigrams), (t) => rank.get(t)!).sort());
}

/** Shared / distinct in either, for two sorted rank lists: pg_trgm's similarity(). */
function similarity(a: Int32Array, b: Int32Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 1 : shared / union;
}

/** Questions asked in the same words (case and spacing aside), most asked first, then most recent. */
function sameWordings<Item extends FlaggedQuestion>(items: readonly Item[]): Wording<Item>[] {
  const byText = new Map<string, Wording<Item>>();
  for (const item of items) {
    const key = item.question.trim().replace(/\s+/g, ' ').toLowerCase();
    const wording = byText.get(key);
    if (wording) {
      wording.items.push(item);
      wording.latest = Math.max(wording.latest, item.askedAt.getTime());
    } else {
      byText.set(key, { text: item.question.trim(), trigrams: item.trigrams, items: [item], latest: item.askedAt.getTime() });
    }
  }
  return [...byText.values()].sort((a, b) => b.items.length - a.items.length || b.latest - a.latest);
}
