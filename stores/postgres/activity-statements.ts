import type { TableNames } from './tables.js';

/**
 * Conversation derivation: one row per provider and user, holding the user's recent messages and
 * the conversations startConversation saved. Every upsert takes that row's lock, and ON CONFLICT
 * DO UPDATE judges its WHERE against the latest committed row, so concurrent calls for one user
 * serialize: that is what makes startConversation's overlap check atomic.
 */
export function activityStatements(t: TableNames) {
  // A row past its expiry counts as empty, as in memoryStore.
  const live = (column: string, now: string) =>
    `CASE WHEN a.expires_at > ${now} THEN a.${column} ELSE '{}'::jsonb END`;
  return {
    /**
     * $1 provider, $2 user, $3 message id, $4 direction code, $5 at, $6 agent or NULL, $7 now,
     * $8 cutoff, $9 expiry, $10 message limit, $11 window start, $12 window end.
     * The earliest `at` and the first agent win. Returns the messages (jsonb object) and the
     * user's conversations overlapping the window.
     */
    recordActivity: `WITH up AS (
  INSERT INTO ${t.activity} AS a (provider, end_user, messages, conversations, expires_at)
  VALUES ($1, $2, jsonb_build_object($3::text, jsonb_build_array($4::text, $5::float8, $6::text)), '{}'::jsonb, $9)
  ON CONFLICT (provider, end_user) DO UPDATE SET
    messages = (
      SELECT COALESCE(jsonb_object_agg(kept.k, kept.v), '{}'::jsonb) FROM (
        (SELECT e.k, e.v FROM jsonb_each(${live('messages', '$7')}) AS e(k, v)
          WHERE e.k <> $3::text AND (e.v->>1)::float8 >= $8::float8
          ORDER BY (e.v->>1)::float8 DESC LIMIT $10::int - 1)
        UNION ALL
        SELECT $3::text, jsonb_build_array(
          COALESCE(o.old->>0, $4::text),
          LEAST($5::float8, COALESCE((o.old->>1)::float8, $5::float8)),
          COALESCE(o.old->>2, $6::text))
        FROM (SELECT ${live('messages', '$7')} -> $3::text AS old) AS o
      ) AS kept
    ),
    conversations = (
      SELECT COALESCE(jsonb_object_agg(e.k, e.v), '{}'::jsonb)
      FROM jsonb_each(${live('conversations', '$7')}) AS e(k, v)
      WHERE (e.v->>1)::float8 >= $8::float8
    ),
    expires_at = GREATEST(a.expires_at, EXCLUDED.expires_at)
  RETURNING messages
)
SELECT (SELECT messages FROM up) AS messages,
  (SELECT COALESCE(jsonb_agg(c.record), '[]'::jsonb) FROM ${t.conversations} AS c
    WHERE c.provider = $1 AND c.end_user = $2 AND c.expires_at > $7
      AND (c.starts_at IS NULL OR c.starts_at <= $12::float8)
      AND (c.ends_at IS NULL OR c.ends_at >= $11::float8)) AS conversations`,

    /**
     * $1 provider, $2 user, $3 conversation id, $4 agent or NULL, $5 start, $6 end,
     * $7 record (JSON), $8 expiry, $9 now. Saves the conversation as saveConversation does unless
     * one the user's row holds, with a compatible agent, overlaps [start, end).
     */
    startConversation: `WITH guard AS (
  INSERT INTO ${t.activity} AS a (provider, end_user, messages, conversations, expires_at)
  VALUES ($1, $2, '{}'::jsonb, jsonb_build_object($3::text, jsonb_build_array($5::float8, $6::float8, $4::text)), $8)
  ON CONFLICT (provider, end_user) DO UPDATE SET
    messages = ${live('messages', '$9')},
    conversations = ${live('conversations', '$9')} || EXCLUDED.conversations,
    expires_at = GREATEST(a.expires_at, EXCLUDED.expires_at)
  WHERE a.expires_at <= $9 OR NOT EXISTS (
    SELECT 1 FROM jsonb_each(a.conversations) AS e(k, v)
    WHERE (e.v->>2 IS NULL OR $4::text IS NULL OR e.v->>2 = $4::text)
      AND (e.v->>0)::float8 < $6::float8 AND (e.v->>1)::float8 > $5::float8
  )
  RETURNING 1
), saved AS (
  INSERT INTO ${t.conversations} (provider, conversation_id, end_user, agent, starts_at, ends_at, record, expires_at)
  SELECT $1::text, $3::text, $2::text, $4::text, $5::float8, $6::float8, $7::jsonb, $8::bigint FROM guard
  ON CONFLICT (provider, conversation_id) DO UPDATE SET
    end_user = EXCLUDED.end_user, agent = EXCLUDED.agent, starts_at = EXCLUDED.starts_at,
    ends_at = EXCLUDED.ends_at, record = EXCLUDED.record, expires_at = EXCLUDED.expires_at
  RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM saved) AS started`,
  };
}
