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
 * other free wording at least `threshold` alike. The trigrams come from PostgreSQL (show_trgm);
 * calling similarity() on every pair there costs ~10 µs a pair, so 1,000 questions would take 5 s,
 * while counting shared trigrams through an inverted index here takes milliseconds.
 */
export function groupQuestions<Item extends FlaggedQuestion>(items: readonly Item[], threshold: number): QuestionGroup<Item>[] {
  const wordings = sameWordings(items);
  const postings = new Map<string, number[]>();
  wordings.forEach((wording, index) => {
    for (const trigram of wording.trigrams) {
      const list = postings.get(trigram);
      if (list) list.push(index);
      else postings.set(trigram, [index]);
    }
  });
  const taken = new Uint8Array(wordings.length);
  const shared = new Int32Array(wordings.length);
  const groups: QuestionGroup<Item>[] = [];
  wordings.forEach((leader, leaderIndex) => {
    if (taken[leaderIndex]) return;
    taken[leaderIndex] = 1;
    const members = [leader];
    const touched: number[] = [];
    for (const trigram of leader.trigrams) {
      for (const other of postings.get(trigram)!) {
        if (taken[other]) continue;
        if (shared[other] === 0) touched.push(other);
        shared[other]! += 1;
      }
    }
    for (const other of touched) {
      const common = shared[other]!;
      shared[other] = 0;
      const union = leader.trigrams.length + wordings[other]!.trigrams.length - common;
      if (common / union >= threshold) {
        taken[other] = 1;
        members.push(wordings[other]!);
      }
    }
    const groupItems = members.flatMap((m) => m.items).sort((a, b) => b.askedAt.getTime() - a.askedAt.getTime());
    groups.push({ question: leader.text, items: groupItems });
  });
  return groups.sort((a, b) => b.items.length - a.items.length || b.items[0]!.askedAt.getTime() - a.items[0]!.askedAt.getTime());
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
