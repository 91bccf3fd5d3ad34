import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminAuditEntry } from './admin-audit-entry.entity.js';
import { ConsoleController } from './console.controller.js';
import { ConsoleRepository } from './console.repository.js';
import { ConsoleService } from './console.service.js';

/** The site owner's console: its API under /admin/api (the page itself is a static file, see static/). */
@Module({
  imports: [TypeOrmModule.forFeature([AdminAuditEntry])],
  controllers: [ConsoleController],
  providers: [ConsoleRepository, ConsoleService],
})
export class AdminModule {}
