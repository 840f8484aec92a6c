import { ConfigurationError } from '../../src/errors/index.js';

export interface TableOptions {
  /** Schema holding the tables (created if missing). Default: the connection's search_path (usually `public`). */
  schema?: string;
  /** Prepended to each table and index name. Default `rcs_`. */
  tablePrefix?: string;
}

export interface TableNames {
  /** Qualified and quoted, ready for SQL. */
  claims: string;
  messages: string;
  conversations: string;
  activity: string;
  /** The durable inbox (rows never expire). */
  inbox: string;
  /** Quoted schema, when one was given. */
  schema: string | undefined;
  /** Index name for a suffix, quoted (indexes live in their table's schema). */
  index(suffix: string): string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// The longest name built from the prefix must stay within PostgreSQL's 63-byte identifiers.
const LONGEST_SUFFIX = 'conversations_expires_at'.length;

export function tableNames(options: TableOptions = {}): TableNames {
  const prefix = options.tablePrefix ?? 'rcs_';
  if (prefix !== '' && (!IDENTIFIER.test(prefix) || prefix.length + LONGEST_SUFFIX > 63)) {
    throw new ConfigurationError(
      `postgresStore: tablePrefix must be letters, digits and _ (not first), at most ${63 - LONGEST_SUFFIX} characters`,
    );
  }
  if (options.schema !== undefined && (!IDENTIFIER.test(options.schema) || options.schema.length > 63)) {
    throw new ConfigurationError('postgresStore: schema must be letters, digits and _ (not first)');
  }
  const schema = options.schema === undefined ? undefined : quote(options.schema);
  const table = (name: string) => (schema === undefined ? '' : `${schema}.`) + quote(prefix + name);
  return {
    claims: table('claims'),
    messages: table('messages'),
    conversations: table('conversations'),
    activity: table('activity'),
    inbox: table('inbox'),
    schema,
    index: (suffix) => quote(prefix + suffix),
  };
}

function quote(identifier: string): string {
  return `"${identifier}"`;
}
