import type { TableNames } from './tables.js';

/**
 * The durable inbox's statements, each one atomic on its own. A row is waiting while `dead_at` is
 * NULL and a dead letter once it is set. Waiting rows are due when `due_at` has come: taking one
 * moves `due_at` to its lease end, so an entry whose worker died is due again when the lease runs
 * out, with no separate lease column to check. `lease_token` guards extend, postpone, ack, retry and
 * deadLetter: it stays set after the lease ends until the row is taken again (a new token), released
 * or made a dead letter (NULL), so a late worker with the old token matches nothing.
 */
export function inboxStatements(t: TableNames) {
  const entry = 'key, payload, attempts, enqueued_at, last_error';
  return {
    /**
     * $1 keys (text[]), $2 payloads (text[]), $3 now. Keys already present (waiting, leased or
     * dead) are skipped; `seq` follows the given order, the tie-break between equal due times.
     */
    enqueue: `WITH added AS (
  INSERT INTO ${t.inbox} (key, payload, enqueued_at, due_at)
  SELECT u.key, u.payload, $3::bigint, $3::bigint
  FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(key, payload, n)
  ORDER BY u.n
  ON CONFLICT (key) DO NOTHING
  RETURNING 1
)
SELECT count(*) AS added FROM added`,

    /**
     * $1 now, $2 limit, $3 lease token, $4 lease end. SKIP LOCKED lets concurrent takers pass each
     * other's rows; a row another taker leased and committed meanwhile is re-checked against the
     * WHERE (its new due_at is the lease end) and dropped. A CTE with FOR UPDATE is never inlined,
     * so `picked` runs once. Returned earliest due first, then in enqueue order.
     */
    take: `WITH picked AS (
  SELECT key, due_at FROM ${t.inbox}
  WHERE dead_at IS NULL AND due_at <= $1::bigint
  ORDER BY due_at, seq
  LIMIT $2::int
  FOR UPDATE SKIP LOCKED
), taken AS (
  UPDATE ${t.inbox} AS i SET attempts = i.attempts + 1, lease_token = $3::text, due_at = $4::bigint
  FROM picked WHERE i.key = picked.key
  RETURNING i.key, i.payload, i.attempts, i.enqueued_at, i.last_error, picked.due_at AS was_due, i.seq
)
SELECT ${entry} FROM taken ORDER BY was_due, seq`,

    /**
     * $1 key, $2 lease token, $3 new lease end. Renews even a lease that already ran out, as long
     * as nobody took the row since (the token is still current). A row taken concurrently is
     * re-checked after the taker commits, so only one of them wins.
     */
    extend: `UPDATE ${t.inbox} SET due_at = $3::bigint
WHERE key = $1 AND lease_token = $2 AND dead_at IS NULL
RETURNING 1 AS extended`,

    /**
     * $1 key, $2 lease token, $3 due time. Gives the attempt back (`take` counted it) and keeps
     * last_error: the entry was not handled, so nothing failed.
     */
    postpone: `UPDATE ${t.inbox} SET lease_token = NULL, due_at = $3::bigint, attempts = GREATEST(attempts - 1, 0)
WHERE key = $1 AND lease_token = $2 AND dead_at IS NULL`,

    /** $1 key, $2 lease token. */
    ack: `DELETE FROM ${t.inbox} WHERE key = $1 AND lease_token = $2`,

    /** $1 key, $2 lease token, $3 due time, $4 error. */
    retry: `UPDATE ${t.inbox} SET lease_token = NULL, due_at = $3::bigint, last_error = $4
WHERE key = $1 AND lease_token = $2`,

    /** $1 key, $2 lease token, $3 now, $4 error. */
    deadLetter: `UPDATE ${t.inbox} SET lease_token = NULL, dead_at = $3::bigint, last_error = $4
WHERE key = $1 AND lease_token = $2`,

    /** $1 limit, $2 offset. Oldest dead first; equal times in enqueue order. */
    listDeadLetters: `SELECT ${entry}, dead_at FROM ${t.inbox}
WHERE dead_at IS NOT NULL
ORDER BY dead_at, seq
LIMIT $1::int OFFSET $2::int`,

    /** $1 key, $2 now. The last error is kept: the next worker sees what failed before. */
    replay: `UPDATE ${t.inbox} SET dead_at = NULL, attempts = 0, due_at = $2::bigint
WHERE key = $1 AND dead_at IS NOT NULL
RETURNING 1 AS replayed`,

    /** $1 key. */
    discard: `DELETE FROM ${t.inbox} WHERE key = $1 AND dead_at IS NOT NULL RETURNING 1 AS discarded`,

    counts: `SELECT count(*) FILTER (WHERE dead_at IS NULL) AS pending,
  count(*) FILTER (WHERE dead_at IS NOT NULL) AS dead_letters
FROM ${t.inbox}`,
  };
}

export type InboxStatements = ReturnType<typeof inboxStatements>;
