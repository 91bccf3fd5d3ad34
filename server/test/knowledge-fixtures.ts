import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A small documentation site on distinct topics, so each question has one right page. */
export const SITE_DOCS: Record<string, string> = {
  'embedding.md': [
    '# Embedding guide',
    'Add one script tag and one element to any page.',
    '',
    '## Script tag',
    'Load `chat-widget.js` from your server, then place the element:',
    '',
    '```html',
    '<script src="https://chat.example.com/widget/chat-widget.js"></script>',
    '<chat-widget server="https://chat.example.com"></chat-widget>',
    '```',
  ].join('\n'),
  'theming.md': [
    '# Theming',
    'Change colours and fonts with CSS custom properties on the element.',
    '',
    '| property | default |',
    '| --- | --- |',
    '| `--chat-widget-accent` | `#2563eb` |',
    '',
    '## Parts',
    'Style single elements through `::part(launcher)` and `::part(panel)`.',
  ].join('\n'),
  'guides/deployment.html': `<!doctype html><html><head><title>Deploying on Neon</title></head><body>
    <nav>Home · Docs · Blog</nav>
    <main><h1>Deploying on Neon</h1><p>Set DATABASE_URL to the pooled connection string and run the migrations once per release.</p>
    <h2>Horizontal scaling</h2><p>Instances are stateless: run several behind a load balancer sharing one Neon database.</p></main>
    <footer>Copyright Example</footer></body></html>`,
  'faq.txt': 'Can I reset my password?\n\nYes: use the forgot password link; an email with a reset link arrives within a minute.',
};

export interface KnowledgeFolder {
  path: string;
  write(relativePath: string, content: string): Promise<void>;
  remove(relativePath: string): Promise<void>;
  dispose(): Promise<void>;
}

/** A temporary folder holding `files`, to ingest and then change. */
export async function knowledgeFolder(files: Record<string, string> = SITE_DOCS): Promise<KnowledgeFolder> {
  const path = await mkdtemp(join(tmpdir(), 'knowledge-'));
  const write = async (relativePath: string, content: string) => {
    await mkdir(dirname(join(path, relativePath)), { recursive: true });
    await writeFile(join(path, relativePath), content);
  };
  for (const [name, content] of Object.entries(files)) await write(name, content);
  return {
    path,
    write,
    remove: (relativePath) => rm(join(path, relativePath)),
    dispose: () => rm(path, { recursive: true, force: true }),
  };
}
