// Words the seeded messages are made of. A few real product words take the most frequent ranks;
// the long tail is made-up words, so a search can target a term of any frequency.
const FREQUENT = [
  'widget', 'password', 'login', 'token', 'conversation', 'history', 'search', 'agent', 'answer', 'source',
  'server', 'database', 'session', 'configure', 'deploy', 'account', 'email', 'reset', 'stream', 'message',
];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'te', 'su', 'no', 'vi', 'de', 'po', 'xu', 'zen', 'tor', 'bel', 'qua', 'fin', 'gar', 'hel', 'jor', 'wex'];

/** 2,000 words, most frequent first: the seed picks rank floor(N · random()^4), a long-tailed spread. */
export const VOCABULARY: string[] = [
  ...FREQUENT,
  ...Array.from({ length: 2000 - FREQUENT.length }, (_, i) =>
    [i % 20, Math.floor(i / 20) % 20, Math.floor(i / 400) % 20].map((s) => SYLLABLES[s]).join(''),
  ),
];
