import { Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ROOT_LOGGER } from '../common/logger.js';
import { projectRoot } from '../common/project-root.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Chunk } from './chunk.entity.js';
import { KnowledgeDocument } from './document.entity.js';
import { KnowledgeIngester } from './knowledge-ingester.js';
import { KnowledgeRepository } from './knowledge.repository.js';
import { KnowledgeSearch } from './knowledge-search.js';

/**
 * Ingests KNOWLEDGE_INGEST_ON_START before the server listens, so the first question is answered
 * from current documents. A missing path is logged, not fatal: a deployment may ship no docs.
 */
@Injectable()
class IngestOnStart implements OnApplicationBootstrap {
  constructor(
    private readonly knowledge: KnowledgeRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const ingester = new KnowledgeIngester(this.knowledge, this.config.knowledge.baseUrl, projectRoot());
    for (const path of this.config.knowledge.ingestOnStart) {
      const started = performance.now();
      try {
        const report = await ingester.ingest([path]);
        this.logger.info({ path, ...report, ms: Math.round(performance.now() - started) }, 'knowledge base ingested');
      } catch (error) {
        this.logger.warn({ path, err: error }, 'knowledge base ingestion skipped');
      }
    }
  }
}

@Module({
  imports: [TypeOrmModule.forFeature([KnowledgeDocument, Chunk])],
  providers: [
    { provide: KnowledgeRepository, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new KnowledgeRepository(dataSource) },
    { provide: KnowledgeSearch, inject: [KnowledgeRepository], useFactory: (knowledge: KnowledgeRepository) => new KnowledgeSearch(knowledge) },
    IngestOnStart,
  ],
  exports: [KnowledgeSearch],
})
export class KnowledgeModule {}
