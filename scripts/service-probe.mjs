// What scripts/ci-services.sh asks of a server URL, answered the way the tests will connect. Never prints a URL
// or a password (connection strings carry them).
//   node scripts/service-probe.mjs redis <url>     PING over TCP (AUTH first when the URL has a password)
//   node scripts/service-probe.mjs postgres <url>  log in as the URL's role to its database, SELECT 1
//   node scripts/service-probe.mjs parts <url>     host, port, user, password, database: one per line
//   node scripts/service-probe.mjs at <url> <port> the URL pointing at 127.0.0.1:<port> instead
//   node scripts/service-probe.mjs free-port       a free TCP port on 127.0.0.1
// Exit status: 0 usable; 2 nothing answers (or not in time); 3 up, but this role or database is refused or
// missing; 4 anything else (the reason is printed on one line).
import { connect, createServer } from 'node:net';

const [command, url] = process.argv.slice(2);
const TIMEOUT_MS = 3_000;

function finish(status, message) {
  if (message) console.log(message);
  process.exit(status);
}

function parts(raw) {
  const parsed = new URL(raw);
  const defaultPort = parsed.protocol.startsWith('redis') ? '6379' : '5432';
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port || defaultPort,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

const unreachable = (error) =>
  [
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ECONNRESET',
  ].includes(error?.code) || /timeout/i.test(String(error?.message));

function resp(...args) {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

function probeRedis(raw) {
  const { host, port, user, password } = parts(raw);
  const socket = connect({ host, port: Number(port) });
  socket.setTimeout(TIMEOUT_MS, () => finish(2, `no answer within ${TIMEOUT_MS} ms`));
  socket.once('error', (error) => finish(unreachable(error) ? 2 : 4, error.code || error.message));
  socket.once('connect', () => {
    if (password) socket.write(user ? resp('AUTH', user, password) : resp('AUTH', password));
    socket.write(resp('PING'));
  });
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\r\n').slice(0, -1);
    for (const line of lines) {
      if (line === '+PONG') finish(0, 'PONG');
      if (line.startsWith('-')) finish(3, line.slice(1).split(' ')[0]); // NOAUTH, WRONGPASS: the code only
    }
  });
  socket.once('end', () => finish(4, 'closed the connection without answering PING'));
}

async function probePostgres(raw) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: raw, connectionTimeoutMillis: TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    await client.end();
    finish(0, 'SELECT 1');
  } catch (error) {
    // 28P01 wrong password, 28000 no such role (or no pg_hba.conf entry), 3D000 no such database.
    if (['28P01', '28000', '3D000'].includes(error.code)) finish(3, error.message);
    finish(unreachable(error) ? 2 : 4, error.code || error.message);
  }
}

function freePort() {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => finish(0, String(port)));
  });
}

if (command === 'redis' && url) probeRedis(url);
else if (command === 'postgres' && url) await probePostgres(url);
else if (command === 'parts' && url) finish(0, Object.values(parts(url)).join('\n'));
else if (command === 'at' && url && process.argv[4]) {
  const moved = new URL(url);
  moved.hostname = '127.0.0.1';
  moved.port = process.argv[4];
  finish(0, moved.toString());
} else if (command === 'free-port') freePort();
else finish(4, 'usage: service-probe.mjs redis|postgres|parts <url> | at <url> <port> | free-port');
