/**
 * The console's unanswered-questions grouping alone, over questions made like the seed's (6 to 20
 * words of the bench vocabulary, long-tailed), as many as the 1,000,000-message seed flags in the
 * default 30 days (2,313). Trigrams as pg_trgm's show_trgm makes them. Alone: npm run bench:question-groups
 */
import { groupQuestions } from '../server/src/admin/question-groups.js';
import { summarize } from './stats.js';
import { VOCABULARY } from './vocabulary.js';

const QUESTIONS = 2313;
const RUNS = 40;

/** pg_trgm's trigrams of a text: each alphanumeric word lower-cased, padded with two spaces before and one after. */
function showTrgm(text: string): string[] {
  const set = new Set<string>();
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  }
  return [...set].sort();
}

let state = 42;
const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
// The seed's word pick: index floor(n · random⁴), so the first words are the most frequent.
const question = () => Array.from({ length: 6 + Math.round(random() * 14) }, () => VOCABULARY[Math.floor(VOCABULARY.length * random() ** 4)]).join(' ');
const items = Array.from({ length: QUESTIONS }, (_, i) => {
  const text = question();
  return { question: text, trigrams: showTrgm(text), askedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000) };
});

for (let i = 0; i < 3; i++) groupQuestions(items, 0.5);
const timings: number[] = [];
let groups = 0;
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  groups = groupQuestions(items, 0.5).length;
  timings.push(performance.now() - started);
}
const { p50, p95 } = summarize(timings);
console.log(`groupQuestions, ${QUESTIONS} seed-like questions, similarity 0.5: ${groups} groups, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${RUNS} runs)`);
