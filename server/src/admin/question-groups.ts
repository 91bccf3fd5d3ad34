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
 * leaves out the common trigrams (" th", "how") that would make every question a candidate; the
 * sizes and the positions of the common trigrams rule out most of the rest (PPJoin's length and
 * positional filters), and each remaining candidate is measured on all its trigrams.
 */
export function groupQuestions<Item extends FlaggedQuestion>(items: readonly Item[], threshold: number): QuestionGroup<Item>[] {
  const wordings = sameWordings(items);
  const ranked = rankTrigrams(wordings);
  // Each prefix trigram → the wordings whose prefix holds it, and where.
  const prefixes = new Map<number, { wording: number[]; position: number[] }>();
  ranked.forEach((trigrams, index) => {
    for (let position = 0; position < prefixLength(trigrams.length, threshold); position++) {
      const rank = trigrams[position]!;
      let list = prefixes.get(rank);
      if (!list) prefixes.set(rank, (list = { wording: [], position: [] }));
      list.wording.push(index);
      list.position.push(position);
    }
  });
  const taken = new Uint8Array(wordings.length);
  // Per leader: trigrams shared so far with each wording, -1 once it cannot reach the threshold.
  const overlap = new Int32Array(wordings.length);
  const groups: QuestionGroup<Item>[] = [];
  wordings.forEach((leader, leaderIndex) => {
    if (taken[leaderIndex]) return;
    taken[leaderIndex] = 1;
    const members = [leader];
    const mine = ranked[leaderIndex]!;
    const candidates: number[] = [];
    for (let i = 0; i < prefixLength(mine.length, threshold); i++) {
      const list = prefixes.get(mine[i]!)!;
      // Lists are in wording order, and every wording ranked before the leader is taken already.
      for (let k = firstAfter(list.wording, leaderIndex); k < list.wording.length; k++) {
        const other = list.wording[k]!;
        const size = ranked[other]!.length;
        if (taken[other] || overlap[other]! < 0 || size < threshold * mine.length || size * threshold > mine.length) continue;
        // Positional filter (PPJoin): the trigrams after this common one can add at most this many.
        const needed = Math.ceil((threshold / (1 + threshold)) * (mine.length + size) - 1e-9);
        const reachable = overlap[other]! + 1 + Math.min(mine.length - i - 1, size - list.position[k]! - 1);
        if (overlap[other] === 0) candidates.push(other);
        overlap[other] = reachable >= needed ? overlap[other]! + 1 : -1;
      }
    }
    for (const other of candidates) {
      if (overlap[other]! > 0 && similarity(mine, ranked[other]!) >= threshold) {
        taken[other] = 1;
        members.push(wordings[other]!);
      }
      overlap[other] = 0;
    }
    const groupItems = members.flatMap((m) => m.items).sort((a, b) => b.askedAt.getTime() - a.askedAt.getTime());
    groups.push({ question: leader.text, items: groupItems });
  });
  return groups.sort((a, b) => b.items.length - a.items.length || b.items[0]!.askedAt.getTime() - a.items[0]!.askedAt.getTime());
}

/** The position of the first value above `value` in an ascending list. */
function firstAfter(list: number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
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
