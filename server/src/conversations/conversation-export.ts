import type { ConversationRecord } from './conversation.repository.js';
import { ConversationDto, type ConversationExportDto, MessageDto } from './dto/conversation.dto.js';
import type { MessageRecord } from './message.repository.js';

const SPEAKER = { user: 'You', assistant: 'Assistant' } as const;

/** The conversation as a Markdown document: one section per message, sources as a numbered list. */
export function conversationToMarkdown(conversation: ConversationRecord, messages: MessageRecord[]): string {
  const parts = [`# ${conversation.title.replace(/\n/g, ' ')}`, `_Exported ${new Date().toISOString()} · ${messages.length} messages_`];
  for (const message of messages) {
    const status = message.status === 'complete' ? '' : ` _(${message.status}${message.errorCode ? `: ${message.errorCode}` : ''})_`;
    parts.push(`## ${SPEAKER[message.role]} · ${message.createdAt.toISOString()}${status}`, message.content || '_(no text)_');
    if (message.sources.length) {
      parts.push(['**Sources**', ...message.sources.map((s, i) => `${i + 1}. [${s.title.replace(/[[\]]/g, '')}](<${s.url}>)`)].join('\n'));
    }
  }
  return `${parts.join('\n\n')}\n`;
}

export function conversationToJson(conversation: ConversationRecord, messages: MessageRecord[]): string {
  const body: ConversationExportDto = { conversation: ConversationDto.from(conversation), messages: messages.map((m) => MessageDto.from(m)) };
  return JSON.stringify(body, null, 2);
}

/** A download name built from the title, safe in a Content-Disposition header. */
export function exportFileName(conversation: ConversationRecord, extension: string): string {
  const base = conversation.title.normalize('NFKD').replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'conversation';
  return `${base}.${extension}`;
}
