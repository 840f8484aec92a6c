import {
  ACTIVITY_MESSAGE_LIMIT,
  type ActivityWindow,
  type ConversationActivity,
  type ConversationRecord,
  type ConversationTimeline,
} from '../../src/store/types.js';
import { activityEntry, DIRECTION_CODE, directionOf, startedWindow, toTimeline } from '../shared/activity.js';
import { escapedJson, escapeOptional, escapeText } from '../shared/text-escape.js';
import type { PgRow } from './pool.js';
import { json } from './rows.js';
import type { Statements } from './statements.js';

type Rows = (text: string, values: unknown[]) => Promise<PgRow[]>;

export async function recordActivity(
  rows: Rows,
  sql: Statements,
  now: number,
  activity: ConversationActivity,
  window: ActivityWindow,
): Promise<ConversationTimeline> {
  const at = Math.floor(now);
  const [row] = await rows(sql.recordActivity, [
    activity.provider,
    escapeText(activity.user),
    escapeText(activity.messageId),
    DIRECTION_CODE[activity.direction],
    activity.at,
    escapeOptional(activity.agent) ?? null,
    at,
    now - window.ttlMs,
    at + Math.max(1, Math.ceil(window.ttlMs)),
    ACTIVITY_MESSAGE_LIMIT,
    window.from,
    window.to,
  ]);
  if (row === undefined) throw new Error('rcs-webhooks: recordActivity returned no row');
  const stored = json<Record<string, [string, number, string | null]>>(row.messages);
  const messages = Object.entries(stored).map(([messageId, [code, time, agent]]) =>
    activityEntry(messageId, directionOf(code), time, agent),
  );
  return toTimeline(activity, window, messages, json<ConversationRecord[]>(row.conversations));
}

export async function startConversation(
  rows: Rows,
  sql: Statements,
  now: number,
  record: ConversationRecord,
  ttlMs: number,
): Promise<boolean> {
  const { user, start, end } = startedWindow(record);
  const at = Math.floor(now);
  const [row] = await rows(sql.startConversation, [
    record.provider,
    escapeText(user),
    escapeText(record.conversationId),
    escapeOptional(record.agent) ?? null,
    start,
    end,
    escapedJson(record),
    at + ttlMs,
    at,
  ]);
  return row?.started === true;
}
