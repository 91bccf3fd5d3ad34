import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One ingested file: where it lives, where readers find it, and a hash to skip it when unchanged. */
@Entity('documents')
@Unique('UQ_documents_path', ['path'])
export class KnowledgeDocument {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_documents' })
  id!: string;

  /** The file's path relative to the ingesting process's working folder, `/`-separated. */
  @Column({ type: 'varchar', length: 1024 })
  path!: string;

  /** Public URL cited as the source. */
  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** SHA-256 of the file's bytes. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
