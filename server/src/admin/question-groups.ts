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
 * ~10 µs a pair (5 s for 1,000 questions), so the pairs are measured here, exactly, on integer-coded
 * trigrams. An inverted index with prefix filtering (PPJoin) gains nothing on questions made of few,
 * shared syllables: every pair becomes a candidate. What does cut the work is cheap per pair: sizes
 * within the threshold's ratio, then a 256-bit bitmap of each question's trigrams whose differing
 * bits bound what the two can share (Sandes et al., "The bitmap filter"), then a count of the
 * candidate's trigrams among the leader's that stops once too many are missing.
 */
export function groupQuestions<Item extends FlaggedQuestion>(items: readonly Item[], threshold: number): QuestionGroup<Item>[] {
  const wordings = sameWordings(items);
  const ranked = rankTrigrams(wordings);
  // A pair alike by `threshold` shares at least this share of their sizes' sum: shared / (|a| + |b| − shared) ≥ t.
  const sharedShare = threshold / (1 + threshold);
  const taken = new Uint8Array(wordings.length);
  // Which trigram ranks the current leader has.
  const inLeader = new Uint8Array(ranked.reduce((most, trigrams) => Math.max(most, trigrams.length ? trigrams[trigrams.length - 1]! + 1 : 0), 0));
  const bitmaps = trigramBitmaps(ranked);
  const groups: QuestionGroup<Item>[] = [];
  wordings.forEach((leader, leaderIndex) => {
    if (taken[leaderIndex]) return;
    taken[leaderIndex] = 1;
    const members = [leader];
    const mine = ranked[leaderIndex]!;
    for (const rank of mine) inLeader[rank] = 1;
    // Every wording ranked before the leader is taken already.
    for (let other = leaderIndex + 1; other < wordings.length; other++) {
      if (taken[other]) continue;
      const theirs = ranked[other]!;
      if (theirs.length < threshold * mine.length || theirs.length * threshold > mine.length) continue;
      const needed = Math.ceil(sharedShare * (mine.length + theirs.length) - 1e-9);
      if (mine.length + theirs.length - differingBits(bitmaps, leaderIndex, other) < 2 * needed) continue;
      if (sharesWithLeader(inLeader, theirs, needed)) {
        taken[other] = 1;
        members.push(wordings[other]!);
      }
    }
    for (const rank of mine) inLeader[rank] = 0;
    const groupItems = members.flatMap((m) => m.items).sort((a, b) => b.askedAt.getTime() - a.askedAt.getTime());
    groups.push({ question: leader.text, items: groupItems });
  });
  return groups.sort((a, b) => b.items.length - a.items.length || b.items[0]!.askedAt.getTime() - a.items[0]!.askedAt.getTime());
}

/**
 * Whether a wording has `needed` trigrams among the leader's: pg_trgm's similarity() at the threshold.
 * Its trigrams come rarest first, the ones least likely to be shared, so a pair that cannot reach the
 * threshold is usually given up after a few (the prefix filter of Xiao et al., applied as it goes).
 */
function sharesWithLeader(inLeader: Uint8Array, trigrams: Int32Array, needed: number): boolean {
  let missesLeft = trigrams.length - needed;
  for (let i = 0; i < trigrams.length; i++) if (!inLeader[trigrams[i]!] && --missesLeft < 0) return false;
  return missesLeft >= 0;
}

const BITMAP_WORDS = 8;

/** Each wording's trigrams hashed to 256 bits (rank mod 256), 8 words a wording. */
function trigramBitmaps(ranked: readonly Int32Array[]): Int32Array {
  const bitmaps = new Int32Array(ranked.length * BITMAP_WORDS);
  ranked.forEach((trigrams, w) => {
    for (const rank of trigrams) bitmaps[w * BITMAP_WORDS + ((rank >>> 5) & (BITMAP_WORDS - 1))]! |= 1 << (rank & 31);
  });
  return bitmaps;
}

/**
 * Bits set in one wording's bitmap and not the other's. Each stands for at least one trigram in only
 * one of them, so the two share at most (|a| + |b| − this) / 2 trigrams (the bitmap filter).
 */
function differingBits(bitmaps: Int32Array, a: number, b: number): number {
  let count = 0;
  for (let k = 0; k < BITMAP_WORDS; k++) {
    let v = bitmaps[a * BITMAP_WORDS + k]! ^ bitmaps[b * BITMAP_WORDS + k]!;
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return count;
}

/**
 * Each wording's distinct trigrams as ranks, rarest trigram first (rank 0 is the rarest of all). Each
 * trigram text is looked up once; the rest works on its first-seen code.
 */
function rankTrigrams(wordings: ReadonlyArray<{ trigrams: string[] }>): Int32Array[] {
  const codes = new Map<string, number>();
  const frequency: number[] = [];
  const lastWording: number[] = [];
  const coded = wordings.map(({ trigrams }, w) => {
    const mine: number[] = [];
    for (const trigram of trigrams) {
      let code = codes.get(trigram);
      if (code === undefined) {
        codes.set(trigram, (code = frequency.length));
        frequency.push(0);
        lastWording.push(-1);
      }
      if (lastWording[code] === w) continue;
      lastWording[code] = w;
      frequency[code]!++;
      mine.push(code);
    }
    return mine;
  });
  const texts = [...codes.keys()];
  const order = texts.map((_, code) => code).sort((a, b) => frequency[a]! - frequency[b]! || (texts[a]! < texts[b]! ? -1 : 1));
  const rank = new Int32Array(order.length);
  order.forEach((code, position) => (rank[code] = position));
  return coded.map((mine) => Int32Array.from(mine, (code) => rank[code]!).sort());
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
