import {
  ACTIVITY_MESSAGE_LIMIT,
  type ActivityEntry,
  type ActivityWindow,
  type ConversationActivity,
  type ConversationRecord,
  type ConversationTimeline,
} from '../../src/store/types.js';
import { activityEntry, DIRECTION_CODE, directionOf, startedWindow, toTimeline } from '../shared/activity.js';
import { escapeText, unescapeText } from '../shared/text-escape.js';
import type { RedisConnection } from './connection.js';
import type { RedisKeys } from './keys.js';
import { list, text, unexpected } from './replies.js';
import { RECORD_ACTIVITY, runScript, START_CONVERSATION } from './scripts.js';

/** An optional agent as the scripts store it: nothing, or a TAB and the agent (escaped, as every id). */
const agentPart = (agent: string | undefined) => (agent === undefined ? '' : `\t${escapeText(agent)}`);

/** Times are sent as decimal strings; the scripts keep them as given so they round-trip exactly. */
const time = (value: number) => {
  if (!Number.isFinite(value)) throw new TypeError('rcs-webhooks: activity times must be finite numbers');
  return String(value);
};

export async function recordActivity(
  connection: RedisConnection,
  keys: RedisKeys,
  now: number,
  activity: ConversationActivity,
  window: ActivityWindow,
): Promise<ConversationTimeline> {
  const reply = list(
    await runScript(
      connection,
      RECORD_ACTIVITY,
      [
        keys.activity(activity.provider, activity.user),
        keys.userConversations(activity.provider, activity.user),
      ],
      [
        `m:${escapeText(activity.messageId)}`,
        DIRECTION_CODE[activity.direction],
        time(activity.at),
        agentPart(activity.agent),
        Math.floor(now - window.ttlMs),
        Math.max(1, Math.ceil(window.ttlMs)),
        ACTIVITY_MESSAGE_LIMIT,
        keys.conversationPrefix(activity.provider),
      ],
    ),
  );
  const fields = list(reply[0]).map((item) => text(item) ?? '');
  const messages: ActivityEntry[] = [];
  for (let index = 0; index < fields.length; index += 2) {
    messages.push(readEntry(fields[index] as string, fields[index + 1] as string));
  }
  const records = list(reply[1]).map((item) => JSON.parse(text(item) ?? 'null') as ConversationRecord);
  return toTimeline(activity, window, messages, records);
}

export async function startConversation(
  connection: RedisConnection,
  keys: RedisKeys,
  record: ConversationRecord,
  ttlMs: number,
): Promise<boolean> {
  const { user, start, end } = startedWindow(record);
  const saved = await runScript(
    connection,
    START_CONVERSATION,
    [
      keys.activity(record.provider, user),
      keys.conversation(record.provider, record.conversationId),
      keys.userConversations(record.provider, user),
    ],
    [
      `c:${escapeText(record.conversationId)}`,
      `${time(start)}\t${time(end)}${agentPart(record.agent)}`,
      time(start),
      time(end),
      record.agent === undefined ? '0' : '1',
      escapeText(record.agent ?? ''),
      JSON.stringify(record),
      ttlMs,
      escapeText(record.conversationId),
    ],
  );
  return Number(saved) === 1;
}

function readEntry(field: string, value: string): ActivityEntry {
  const match = /^([a-z])\t([^\t]+)(.*)$/s.exec(value);
  if (!field.startsWith('m:') || match === null) throw unexpected(value);
  const [, code, at, agent] = match as unknown as [string, string, string, string];
  return activityEntry(
    unescapeText(field.slice(2)),
    directionOf(code),
    Number(at),
    agent === '' ? undefined : unescapeText(agent.slice(1)),
  );
}
