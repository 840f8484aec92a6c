import { SUPERSEDED_PAIRS } from '../shared/status-pairs.js';
import { activityStatements } from './activity-statements.js';
import type { TableNames } from './tables.js';

// (current, incoming) pairs where the incoming report is out of date, from the core's isSuperseded.
const OUT_OF_DATE = SUPERSEDED_PAIRS.map(([current, incoming]) => `('${current}', '${incoming}')`).join(', ');

/** The store's statements for a set of tables. Every write is a single atomic statement. */
export function statements(t: TableNames) {
  // A row past its expiry counts as absent, as in memoryStore.
  const claimable = 'c.expires_at <= $3 OR c.lease_until <= $3';
  const live = 'm.expires_at > $8';
  const keep = `(${live} AND (m.status, EXCLUDED.status) IN (${OUT_OF_DATE}))`;
  return {
    /** $1 key, $2 token, $3 now, $4 lease end. The lease is ours when the row carries our token. */
    claim: `INSERT INTO ${t.claims} AS c (claim_key, token, lease_until, expires_at)
VALUES ($1, $2, $4, $4)
ON CONFLICT (claim_key) DO UPDATE SET
  token = CASE WHEN ${claimable} THEN EXCLUDED.token ELSE c.token END,
  lease_until = CASE WHEN ${claimable} THEN EXCLUDED.lease_until ELSE c.lease_until END,
  expires_at = CASE WHEN ${claimable} THEN EXCLUDED.expires_at ELSE c.expires_at END
RETURNING token IS NOT DISTINCT FROM $2 AS claimed, lease_until IS NULL AS done`,

    /**
     * $1 key, $2 token, $3 now, $4 new lease end. Renews the unexpired lease the token holds.
     */
    extendClaim: `UPDATE ${t.claims} SET lease_until = $4, expires_at = $4
WHERE claim_key = $1 AND token = $2 AND lease_until > $3 AND expires_at > $3
RETURNING 1 AS extended`,

    /**
     * $1 key, $2 expiry, $3 token or NULL, $4 now. Marks the key done, unless another holder's
     * unexpired lease is on it (a token given, and not that lease's).
     */
    complete: `INSERT INTO ${t.claims} AS c (claim_key, token, lease_until, expires_at) VALUES ($1, NULL, NULL, $2)
ON CONFLICT (claim_key) DO UPDATE SET token = NULL, lease_until = NULL, expires_at = EXCLUDED.expires_at
WHERE $3::text IS NULL OR c.token IS NOT DISTINCT FROM $3::text OR c.lease_until IS NULL
  OR c.lease_until <= $4 OR c.expires_at <= $4`,

    /** $1 key, $2 token or NULL (any). A done row has no token, so a token never deletes it. */
    release: `DELETE FROM ${t.claims} WHERE claim_key = $1 AND ($2::text IS NULL OR token = $2::text)`,

    /**
     * $1 provider, $2 message id, $3 status, $4 provider status, $5 recipient, $6 sender,
     * $7 history entry (JSON), $8 now, $9 expiry, $10 event id.
     */
    recordStatus: `INSERT INTO ${t.messages} AS m
  (provider, message_id, status, provider_status, recipient, sender, history, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, jsonb_build_array($7::jsonb), $9)
ON CONFLICT (provider, message_id) DO UPDATE SET
  status = CASE WHEN ${keep} THEN m.status ELSE EXCLUDED.status END,
  provider_status = CASE WHEN ${keep} THEN m.provider_status ELSE EXCLUDED.provider_status END,
  recipient = CASE WHEN ${live} THEN COALESCE(m.recipient, EXCLUDED.recipient) ELSE EXCLUDED.recipient END,
  sender = CASE WHEN ${live} THEN COALESCE(m.sender, EXCLUDED.sender) ELSE EXCLUDED.sender END,
  history = CASE
    WHEN NOT ${live} THEN EXCLUDED.history
    WHEN m.history @> jsonb_build_array(jsonb_build_object('eventId', $10::text)) THEN m.history
    ELSE m.history || EXCLUDED.history
  END,
  expires_at = EXCLUDED.expires_at
RETURNING status, provider_status, recipient, sender, history`,

    /** $1 provider, $2 message id, $3 now. */
    getMessage: `SELECT status, provider_status, recipient, sender, history FROM ${t.messages}
WHERE provider = $1 AND message_id = $2 AND expires_at > $3`,

    /** $1 provider, $2 conversation id, $3 user, $4 agent, $5 start, $6 end, $7 record (JSON), $8 expiry. */
    saveConversation: `INSERT INTO ${t.conversations}
  (provider, conversation_id, end_user, agent, starts_at, ends_at, record, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
ON CONFLICT (provider, conversation_id) DO UPDATE SET
  end_user = EXCLUDED.end_user, agent = EXCLUDED.agent, starts_at = EXCLUDED.starts_at,
  ends_at = EXCLUDED.ends_at, record = EXCLUDED.record, expires_at = EXCLUDED.expires_at`,

    /** $1 provider, $2 conversation id, $3 now. */
    getConversation: `SELECT record FROM ${t.conversations}
WHERE provider = $1 AND conversation_id = $2 AND expires_at > $3`,

    /** $1 provider, $2 user, $3 agent or NULL, $4 at, $5 now. Latest start wins, as in memoryStore. */
    findConversation: `SELECT record FROM ${t.conversations}
WHERE provider = $1 AND end_user = $2 AND ($3::text IS NULL OR agent = $3)
  AND (starts_at IS NULL OR starts_at <= $4::float8) AND (ends_at IS NULL OR ends_at > $4::float8)
  AND expires_at > $5
ORDER BY COALESCE(starts_at, 0) DESC
LIMIT 1`,

    ...activityStatements(t),

    /** $1 now. */
    prune: [t.claims, t.messages, t.conversations, t.activity].map(
      (table) => `DELETE FROM ${table} WHERE expires_at <= $1`,
    ),
  };
}

export type Statements = ReturnType<typeof statements>;
