import { BetterAuthSchema1764307200000 } from './1764307200000-better-auth-schema.js';
import { ChatSchema1764307200001 } from './1764307200001-chat-schema.js';
import { KnowledgeBase1764307200002 } from './1764307200002-knowledge-base.js';
import { AuthRevocations1764307200016 } from './1764307200016-auth-revocations.js';
import { UserProfileBounds1764307200017 } from './1764307200017-user-profile-bounds.js';
import { MessagePageContext1764307200018 } from './1764307200018-message-page-context.js';
import { RateLimiterFlexible1764307200020 } from './1764307200020-rate-limiter-flexible.js';
import { MessageRoles1764307200021 } from './1764307200021-message-roles.js';
import { MessageFeedback1764307200022 } from './1764307200022-message-feedback.js';
import { GuestUsers1764307200023 } from './1764307200023-guest-users.js';
import { HostTokenReplays1764307200024 } from './1764307200024-host-token-replays.js';
import { AgentRuns1764307200025 } from './1764307200025-agent-runs.js';
import { SiteOwnerConsole1764307200026 } from './1764307200026-site-owner-console.js';
import { ChunkAnchors1764307200027 } from './1764307200027-chunk-anchors.js';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests run the same set. */
export const migrations = [
  BetterAuthSchema1764307200000,
  ChatSchema1764307200001,
  KnowledgeBase1764307200002,
  AuthRevocations1764307200016,
  UserProfileBounds1764307200017,
  MessagePageContext1764307200018,
  RateLimiterFlexible1764307200020,
  MessageRoles1764307200021,
  MessageFeedback1764307200022,
  GuestUsers1764307200023,
  HostTokenReplays1764307200024,
  AgentRuns1764307200025,
  SiteOwnerConsole1764307200026,
  ChunkAnchors1764307200027,
];
