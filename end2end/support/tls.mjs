// Certificates and a PostgreSQL with TLS for the encryption-in-transit
// tests. A test CA signs a server certificate for 127.0.0.1 and localhost,
// the way an NHS trust's internal CA would sign its relay's certificate.

import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server.mjs';

const run = promisify(execFile);
const openssl = (...args) => run('openssl', args);

/**
 * A CA and a server certificate it signed, in a new directory. Returns
 * { dir, caCert, caKey, cert, key } (PEM file paths) and remove().
 */
export async function makeCertificates() {
  const dir = await mkdtemp(join(tmpdir(), 'mw-certs-'));
  const path = (name) => join(dir, name);
  await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-subj', '/CN=Mentorwell test CA', '-keyout', path('ca.key'), '-out', path('ca.pem'),
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  await openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost',
    '-keyout', path('server.key'), '-out', path('server.csr'));
  // rustls checks the name against subjectAltName only, and refuses a CA
  // certificate used as a server's, hence the extensions.
  await writeFile(path('server.ext'), [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '',
  ].join('\n'));
  await openssl('x509', '-req', '-in', path('server.csr'), '-CA', path('ca.pem'), '-CAkey', path('ca.key'),
    '-CAcreateserial', '-days', '2', '-extfile', path('server.ext'), '-out', path('server.pem'));
  return {
    dir,
    caCert: path('ca.pem'),
    caKey: path('ca.key'),
    cert: path('server.pem'),
    key: path('server.key'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

async function postgresBin() {
  const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(a) - Number(b));
  return join('/usr/lib/postgresql', versions.at(-1), 'bin');
}

// PostgreSQL refuses to run as root; as scripts/postgres.sh does, use the
// package's own user then.
const isRoot = process.getuid?.() === 0;
const asOwner = (command, args) =>
  (isRoot ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args));

/**
 * A throwaway PostgreSQL cluster with `ssl=on` serving `certs`, that accepts
 * TCP connections over TLS only (pg_hba `hostssl`), so a plain connection
 * is refused rather than quietly allowed. Returns { port, admin (a URL
 * without sslmode), stop() }.
 */
export async function startTlsPostgres(certs) {
  const bin = await postgresBin();
  const dir = await mkdtemp(join(tmpdir(), 'mw-pg-tls-'));
  const data = join(dir, 'data');
  if (isRoot) await run('chown', ['postgres:postgres', dir]);
  await asOwner(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  // The key must belong to the server's user and be private, or it refuses it.
  for (const [from, to] of [[certs.cert, 'server.crt'], [certs.key, 'server.key']]) {
    await copyFile(from, join(dir, to));
    await chmod(join(dir, to), 0o600);
    if (isRoot) await run('chown', ['postgres:postgres', join(dir, to)]);
  }
  await writeFile(join(data, 'pg_hba.conf'), 'local all all trust\nhostssl all all 127.0.0.1/32 trust\n');
  if (isRoot) await run('chown', ['postgres:postgres', join(data, 'pg_hba.conf')]);
  const port = await freePort();
  const options = [
    `-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c fsync=off',
    '-c ssl=on', `-c ssl_cert_file=${join(dir, 'server.crt')}`, `-c ssl_key_file=${join(dir, 'server.key')}`,
  ].join(' ');
  await asOwner(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-o', options, 'start']);
  return {
    port,
    admin: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** Runs SQL over the Unix socket (no TLS needed there). */
    sql: async (text) =>
      (await run('psql', ['-qAt', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', 'postgres',
        'postgres', '-c', text])).stdout.trim(),
    async stop() {
      await asOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
