import { awkwardStrings, corpus } from '../test/corpora.js';

/** One malformed request: everything a route could be sent that it should refuse with a 4xx. */
export interface BadRequest {
  label: string;
  /** Body cases are sent once, as the route's usual caller; the others signed in and anonymous. */
  kind?: 'body';
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Ids a client could put where a conversation id goes. */
export const BAD_IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '%E0%A4%A',
  '%uD800',
  "1' OR '1'='1",
  '1;DROP TABLE messages',
  'a'.repeat(99),
  'a'.repeat(5_000),
  '%F0%9F%92%A9',
  '{{7*7}}',
  '-1',
  '1e309',
];

/** Query strings for list/search/paging routes. */
export const BAD_QUERIES = [
  'limit=-1',
  'limit=abc',
  'limit=1e9',
  'limit=1&limit=2',
  'limit[]=1',
  'cursor=x',
  'cursor=%00',
  `cursor=${'A'.repeat(10_000)}`,
  `cursor=${Buffer.from('{"t":"not a date","id":"x"}').toString('base64url')}`,
  `cursor=${Buffer.from('[1,2,3]').toString('base64url')}`,
  'q=%00',
  `q=${encodeURIComponent('x'.repeat(5_000))}`,
  'q=%E0%A4%A',
  'q[$ne]=1',
  'format=exe',
  '__proto__[x]=1',
];

/** Bodies: broken JSON, wrong shapes, wrong types, hostile keys, huge and deep documents, odd encodings. */
export function badBodies(): BadRequest[] {
  const json = (label: string, value: unknown): BadRequest => ({ label, body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });
  const raw = (label: string, body: string | Buffer, contentType = 'application/json'): BadRequest => ({ label, body, headers: { 'content-type': contentType } });
  const strings = [...awkwardStrings(), ...corpus('xss.txt')];
  return [
    raw('truncated JSON', '{"message": "hi"'),
    raw('empty body', ''),
    raw('JSON null', 'null'),
    raw('JSON array', '[]'),
    raw('JSON string', '"message"'),
    raw('JSON number', '42'),
    raw('trailing garbage', '{"message":"hi"} trailing'),
    raw('deep nesting', deepJson(50_000)),
    raw('payload too large', JSON.stringify({ message: 'x'.repeat(400_000) })),
    raw('invalid UTF-8', Buffer.from([0x7b, 0x22, 0x6d, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])),
    raw('UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"message":"bom"}')])),
    raw('UTF-16 body', Buffer.from('{"message":"utf16"}', 'utf16le'), 'application/json; charset=utf-16'),
    raw('text/plain', 'message=hi', 'text/plain'),
    raw('form encoded', 'message=hi', 'application/x-www-form-urlencoded'),
    raw('multipart without boundary', '--x\r\n', 'multipart/form-data'),
    raw('XML', '<message>hi</message>', 'application/xml'),
    json('message null', { message: null }),
    json('message number', { message: 123 }),
    json('message object', { message: { $gt: '' } }),
    json('message array', { message: ['a', 'b'] }),
    json('unknown fields', { message: 'hi', role: 'system', userId: 'someone-else', isAdmin: true }),
    json('__proto__ pollution', JSON.parse('{"message":"hi","__proto__":{"polluted":true}}')),
    json('constructor pollution', { message: 'hi', constructor: { prototype: { polluted: true } } }),
    json('bad clientMessageId', { message: 'hi', clientMessageId: 'nope' }),
    json('bad conversationId', { message: 'hi', conversationId: "1' OR 1=1" }),
    json('foreign conversationId', { message: 'hi', conversationId: '00000000-0000-4000-8000-000000000000' }),
    json('title number', { title: 12 }),
    json('title huge', { title: 't'.repeat(100_000) }),
    json('email not email', { email: 'not-an-email', password: 'password123', name: 'x' }),
    json('password object', { email: 'a@example.com', password: { length: 100 }, name: 'x' }),
    json('token array', { token: ['a'], newPassword: 'password123' }),
    ...strings.map((s, i) => json(`awkward string ${i}`, { message: s, title: s, email: s, password: s, name: s })),
  ];
}

/** Headers: broken auth, odd content negotiation, lying encodings. */
export const BAD_HEADERS: Array<Record<string, string>> = [
  { authorization: 'Bearer' },
  { authorization: 'Bearer ' },
  { authorization: 'Bearer a.b.c' },
  { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
  { authorization: `Bearer ${'a'.repeat(20_000)}` },
  { authorization: 'Basic dXNlcjpwYXNz' },
  { authorization: 'bearer   lower.case.token' },
  { accept: 'text/event-stream, */*;q=0' },
  { accept: 'application/xml' },
  { 'content-encoding': 'gzip' },
  { 'content-encoding': 'br, zstd' },
  { 'x-request-id': '<script>alert(1)</script>' },
  { 'x-request-id': 'x'.repeat(5_000) },
  { 'x-forwarded-for': 'not-an-ip, ::::, 999.999.999.999' },
  { origin: 'null' },
  { origin: 'https://evil.example' },
  { cookie: 'better-auth.session_token=garbage; a=%zz' },
];
