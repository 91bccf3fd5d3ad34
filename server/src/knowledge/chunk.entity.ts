import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { KnowledgeDocument } from './document.entity.js';

// Indexes live in the migration (GIN); `synchronize: false` keeps `migration:generate` quiet about them.
@Entity('chunks')
@Index('IDX_chunks_document', { synchronize: false })
@Index('IDX_chunks_search', { synchronize: false })
export class Chunk {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_chunks' })
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => KnowledgeDocument, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'FK_chunks_document' })
  document?: Relation<KnowledgeDocument>;

  /** The section's heading (empty for text before the first heading). */
  @Column({ type: 'text', default: '' })
  heading!: string;

  /** The section's text: plain text, with code blocks and tables kept as Markdown. */
  @Column({ type: 'text' })
  content!: string;

  /** The id of the section's heading on the page (`#anchor`), empty before the first heading. */
  @Column({ type: 'text', default: '' })
  anchor!: string;

  /** Order of the section in its document. */
  @Column({ type: 'integer' })
  position!: number;

  /** Full-text index of heading (weight A) and content (weight B), maintained by PostgreSQL. */
  @Column({
    name: 'search_vector',
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `setweight(to_tsvector('english', "heading"), 'A') || setweight(to_tsvector('english', "content"), 'B')`,
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string;
}
