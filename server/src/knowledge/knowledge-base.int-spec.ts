import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { relative } from 'node:path';
import { DataSource } from 'typeorm';
import { corpus } from '../../test/corpora.js';
import { knowledgeFolder, type KnowledgeFolder } from '../../test/knowledge-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { KnowledgeIngester } from './knowledge-ingester.js';
import { KnowledgeRepository } from './knowledge.repository.js';
import { KnowledgeSearch } from './knowledge-search.js';

const BASE_URL = 'https://docs.example.com/help/';

describe('knowledge base', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let folder: KnowledgeFolder;
  let ingester: KnowledgeIngester;
  let search: KnowledgeSearch;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions({ url: database.url, poolMax: 2 })).initialize();
    folder = await knowledgeFolder();
    ingester = new KnowledgeIngester(new KnowledgeRepository(dataSource), BASE_URL);
    search = new KnowledgeSearch(new KnowledgeRepository(dataSource));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
    await folder.dispose();
  });

  const documents = async () =>
    (await dataSource.query(`SELECT path, url, title FROM documents ORDER BY path`)) as Array<{ path: string; url: string; title: string }>;

  it('ingests Markdown, HTML and text, with public URLs under the base URL', async () => {
    expect(await ingester.ingest([folder.path])).toEqual({ added: 4, updated: 0, unchanged: 0, removed: 0 });
    const key = relative(process.cwd(), folder.path);
    expect(await documents()).toEqual([
      { path: `${key}/embedding.md`, url: `${BASE_URL}embedding.md`, title: 'Embedding guide' },
      { path: `${key}/faq.txt`, url: `${BASE_URL}faq.txt`, title: 'faq' },
      { path: `${key}/guides/deployment.html`, url: `${BASE_URL}guides/deployment.html`, title: 'Deploying on Neon' },
      { path: `${key}/theming.md`, url: `${BASE_URL}theming.md`, title: 'Theming' },
    ]);
  });

  it('re-ingests only what changed, and prunes files gone from an ingested folder', async () => {
    expect(await ingester.ingest([folder.path])).toEqual({ added: 0, updated: 0, unchanged: 4, removed: 0 });
    await folder.write('theming.md', '# Theming\nDark mode follows prefers-color-scheme.');
    await folder.remove('faq.txt');
    await folder.write('new/widgets.md', '# Widgets\nSeveral widgets on one page share a session.');
    expect(await ingester.ingest([folder.path])).toEqual({ added: 1, updated: 1, unchanged: 2, removed: 1 });
    expect((await search.search('dark mode', 3)).map((p) => p.url)).toEqual([`${BASE_URL}theming.md#theming`]);
    expect(await search.search('custom properties', 3)).toEqual([]);
  });

  it('ingests a single file under its own name, without pruning its neighbours', async () => {
    const report = await new KnowledgeIngester(new KnowledgeRepository(dataSource), 'https://other.example.com/').ingest([`${folder.path}/embedding.md`]);
    expect(report).toEqual({ added: 0, updated: 1, unchanged: 0, removed: 0 });
    expect((await documents()).find((d) => d.title === 'Embedding guide')?.url).toBe('https://other.example.com/embedding.md');
    expect(await documents()).toHaveLength(4);
  });

  it('refuses a path that does not exist, changing nothing', async () => {
    await expect(ingester.ingest([`${folder.path}/missing`])).rejects.toThrow(/no such file or folder/);
    expect(await documents()).toHaveLength(4);
  });

  it('finds different passages for different questions, best first, one per document', async () => {
    const [embed] = await search.search('Which script tag loads chat-widget.js?', 3);
    expect(embed).toMatchObject({ documentTitle: 'Embedding guide', heading: 'Embedding guide › Script tag' });
    expect(embed!.content).toContain('<chat-widget server="https://chat.example.com"></chat-widget>');
    const [scale] = await search.search('Can I run several instances behind a load balancer?', 3);
    expect(scale).toMatchObject({ documentTitle: 'Deploying on Neon', heading: 'Deploying on Neon › Horizontal scaling' });
    expect(scale!.snippet).toMatch(/load balancer/);
    expect(scale!.snippet).not.toMatch(/[<>]|Copyright|Home · Docs/);
    expect(scale!.score).toBeGreaterThan(0);
    expect(scale!.score).toBeLessThan(1);
    const urls = (await search.search('page widget database', 5)).map((p) => p.url);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('finds nothing for questions of stop words, punctuation or SQL', async () => {
    for (const question of ['the and of', '!!! ???', "'; DROP TABLE chunks; --", '', 'zebra quantum']) {
      expect(await search.search(question, 3)).toEqual([]);
    }
  });

  it('stores hostile documents as text and finds them like any other', async () => {
    const hostile = await knowledgeFolder({ 'xss.md': `# Payloads\n\n${corpus('xss.txt').join('\n\n')}`, 'nul.txt': 'before\u0000after marker' });
    try {
      const report = await ingester.ingest([hostile.path]);
      expect(report.added).toBe(2);
      const [passage] = await search.search('click', 1);
      expect(passage?.documentTitle).toBe('Payloads');
      expect((await search.search('beforeafter marker', 1))[0]?.content).toBe('beforeafter marker');
    } finally {
      await hostile.dispose();
    }
  });
});
