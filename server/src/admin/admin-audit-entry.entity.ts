import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

/** One thing an admin did in the console that touches visitors' data: who, what, when. */
@Entity('admin_audit_log')
@Index('IDX_admin_audit_log_created', ['createdAt'])
@Index('IDX_admin_audit_log_admin_user', ['adminUserId'])
export class AdminAuditEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_admin_audit_log' })
  id!: string;

  /** Null once the admin's own account is deleted; the entry stays. */
  @Column({ name: 'admin_user_id', type: 'uuid', nullable: true })
  adminUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'admin_user_id', foreignKeyConstraintName: 'FK_admin_audit_log_admin_user' })
  adminUser?: Relation<User>;

  /** `conversation.view`. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  /** The conversation viewed; no foreign key, so the entry outlives a deleted conversation. */
  @Column({ name: 'target_id', type: 'uuid' })
  targetId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
