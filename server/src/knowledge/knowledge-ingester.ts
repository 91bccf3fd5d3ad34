import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { KnowledgeRepository, KnowledgeWriter } from './knowledge.repository.js';
import { INGESTIBLE_EXTENSIONS, parseDocument } from './parse-document.js';

/** Bump when parsing or splitting changes, so re-ingesting rebuilds documents whose bytes did not change. */
const PARSER_VERSION = 2;

export interface IngestReport {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

interface SourceFile {
  /** Identity in the `documents` table: the path relative to the working folder, `/`-separated. */
  key: string;
  absolute: string;
  url: string;
}

/**
 * Loads files into the knowledge base. A folder is walked for .md, .html and .txt files; each file
 * becomes a document whose public URL is the base URL plus its path inside the folder given (a file
 * given alone: its name). Unchanged files (same bytes, same URL) are skipped; documents that were
 * under an ingested folder but are gone from it are removed.
 */
export class KnowledgeIngester {
  constructor(
    private readonly knowledge: KnowledgeRepository,
    private readonly baseUrl: string,
    private readonly workingFolder: string = process.cwd(),
  ) {}

  async ingest(paths: string[]): Promise<IngestReport> {
    const folders: string[] = [];
    const files: SourceFile[] = [];
    for (const path of paths) {
      const absolute = resolve(this.workingFolder, path);
      const info = await stat(absolute).catch(() => undefined);
      if (!info) throw new Error(`${path}: no such file or folder`);
      if (info.isDirectory()) {
        folders.push(this.key(absolute));
        for (const file of await walk(absolute)) files.push(this.source(file, absolute));
      } else files.push(this.source(absolute, dirname(absolute)));
    }
    const report: IngestReport = { added: 0, updated: 0, unchanged: 0, removed: 0 };
    await this.knowledge.ingesting(async (writer) => {
      for (const file of unique(files)) report[await this.store(writer, file)]++;
      report.removed = await this.prune(writer, folders, new Set(files.map((f) => f.key)));
    });
    return report;
  }

  private key(absolute: string): string {
    return relative(this.workingFolder, absolute).split(sep).join('/');
  }

  private source(absolute: string, root: string): SourceFile {
    const inRoot = relative(root, absolute).split(sep).map(encodeURIComponent).join('/');
    return { key: this.key(absolute), absolute, url: new URL(inRoot, this.baseUrl).toString() };
  }

  private async store(writer: KnowledgeWriter, file: SourceFile): Promise<'added' | 'updated' | 'unchanged'> {
    const bytes = await readFile(file.absolute);
    const hash = createHash('sha256').update(`v${PARSER_VERSION}\n`).update(bytes).digest('hex');
    const existing = await writer.findDocument(file.key);
    if (existing && existing.contentHash === hash && existing.url === file.url) return 'unchanged';

    // PostgreSQL text cannot hold NUL; nothing readable is lost without it.
    const parsed = parseDocument(file.absolute, bytes.toString('utf8').replaceAll('\u0000', ''));
    await writer.storeDocument({ path: file.key, url: file.url, title: parsed.title, contentHash: hash }, parsed.sections);
    return existing ? 'updated' : 'added';
  }

  /** Removes documents that were under one of `folders` and were not seen this time. */
  private async prune(writer: KnowledgeWriter, folders: string[], seen: Set<string>): Promise<number> {
    if (folders.length === 0) return 0;
    const rows = await writer.documentPaths();
    const gone = rows.filter((r) => !seen.has(r.path) && folders.some((f) => f === '' || r.path.startsWith(`${f}/`)));
    if (gone.length) await writer.deleteDocuments(gone.map((r) => r.id));
    return gone.length;
  }
}

/** Ingestible files under `folder`, skipping hidden entries and node_modules. */
async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile() && INGESTIBLE_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}

function unique(files: SourceFile[]): SourceFile[] {
  return [...new Map(files.map((f) => [f.key, f])).values()];
}
