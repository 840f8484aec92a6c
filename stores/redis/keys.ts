import { escapeText } from '../shared/text-escape.js';

/**
 * Key layout under the prefix (default `rcs:`). Components other than the last are URI-encoded so
 * a `:` inside a provider or user name cannot make two keys collide.
 *
 *   <prefix>claim:<event key>                   string  lease end (epoch ms) or "done"
 *   <prefix>msg:<provider>:<message id>         hash    status, providerStatus, recipient, sender, history
 *   <prefix>conv:<provider>:<conversation id>   string  the conversation record (JSON)
 *   <prefix>conv-user:<provider>:<user>         zset    conversation ids by start, for findConversation
 *   <prefix>activity:<provider>:<user>          hash    the user's recent messages and derived conversations
 *   <prefix>inbox:queue                         zset    waiting and leased entries (`<seq>:<event key>`), by due time / lease end
 *   <prefix>inbox:dead                          zset    dead letters (`<seq>:<event key>`), by deadAt
 *   <prefix>inbox:entry:<event key>             hash    payload, attempts, enqueuedAt, member, lease, lastError, deadAt
 *   <prefix>inbox:seq                           string  the last enqueue sequence number
 *
 * The inbox keys have no TTL: they are the durable inbox, removed when handled or discarded.
 * Every id is escaped first (text-escape.ts): a lone surrogate or a NUL never reaches Redis.
 */
export function redisKeys(prefix: string) {
  const part = (text: string) => encodeURIComponent(escapeText(text));
  const conversationPrefix = (provider: string) => `${prefix}conv:${part(provider)}:`;
  return {
    claim: (key: string) => `${prefix}claim:${escapeText(key)}`,
    message: (provider: string, messageId: string) =>
      `${prefix}msg:${part(provider)}:${escapeText(messageId)}`,
    conversationPrefix,
    conversation: (provider: string, conversationId: string) =>
      conversationPrefix(provider) + escapeText(conversationId),
    userConversations: (provider: string, user: string) =>
      `${prefix}conv-user:${part(provider)}:${part(user)}`,
    activity: (provider: string, user: string) => `${prefix}activity:${part(provider)}:${part(user)}`,
    inboxQueue: `${prefix}inbox:queue`,
    inboxDead: `${prefix}inbox:dead`,
    inboxSequence: `${prefix}inbox:seq`,
    inboxEntryPrefix: `${prefix}inbox:entry:`,
    inboxEntry: (key: string) => `${prefix}inbox:entry:${escapeText(key)}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
