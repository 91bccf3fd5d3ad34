import 'reflect-metadata';
import 'dotenv/config';
import { DataSource } from 'typeorm';
import { createLogger } from '../common/logger.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { resolveDatabase } from '../database/resolve-database.js';
import { runMigrations } from '../database/run-migrations.js';
import { KnowledgeIngester } from './knowledge-ingester.js';
import { KnowledgeRepository } from './knowledge.repository.js';

/**
 * `npm run ingest -- <files or folders>`: loads Markdown, HTML and text files into the knowledge
 * base of DATABASE_URL (else the embedded PostgreSQL), with URLs under KNOWLEDGE_BASE_URL.
 */
async function main(paths: string[]): Promise<void> {
  if (paths.length === 0) throw new Error('usage: npm run ingest -- <files or folders>');
  const config = loadConfig(process.env);
  const database = await resolveDatabase(config, createLogger('warn'));
  try {
    await runMigrations(database.directUrl);
    const dataSource = await new DataSource(dataSourceOptions({ url: database.url, poolMax: 2, applicationName: 'ingest' })).initialize();
    try {
      const started = performance.now();
      const report = await new KnowledgeIngester(new KnowledgeRepository(dataSource), config.knowledge.baseUrl).ingest(paths);
      const ms = Math.round(performance.now() - started);
      console.log(`Ingested ${paths.join(', ')} in ${ms} ms: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.removed} removed.`);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Ingestion failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
