// The database connection is encrypted in transit: Mentorwell serves from a
// PostgreSQL that accepts TLS connections only, with `sslmode=require` and
// with `sslmode=verify-full` against the test CA. PostgreSQL only: it makes
// its own cluster with `ssl=on`, so it runs once, in the postgres pass.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, BACKEND } from '../support/server.mjs';
import { saveLogs } from '../support/fixture.mjs';
import { makeCertificates, startTlsPostgres } from '../support/tls.mjs';
import { signIn, currentUser, DEMO } from '../support/client.mjs';

const skip = BACKEND !== 'postgres' && 'a PostgreSQL test (MENTORWELL_BACKEND=postgres)';

let certs; let pg;
before(async () => {
  if (skip) return;
  certs = await makeCertificates();
  pg = await startTlsPostgres(certs);
  await pg.sql('CREATE DATABASE mw_tls');
});
after(async () => {
  await pg?.stop();
  await certs?.remove();
});

const url = (query) => `postgres://postgres@127.0.0.1:${pg.port}/mw_tls?${query}`;

/** Serves from `databaseUrl`; stopped and its log saved when the test ends. */
async function serve(t, databaseUrl) {
  const server = await startServer({ env: { DATABASE_URL: databaseUrl } });
  t.after(async () => {
    await server.stop();
    await saveLogs(`${import.meta.url}-${t.name}`, server);
  });
  return server;
}

/** The app's connections to mw_tls, by whether they use TLS: { tls, plain }. */
async function connections() {
  const rows = await pg.sql(
    "SELECT s.ssl, count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) " +
    "WHERE a.datname = 'mw_tls' AND a.pid <> pg_backend_pid() GROUP BY s.ssl",
  );
  const counts = Object.fromEntries(rows.split('\n').filter(Boolean).map((r) => r.split('|')));
  return { tls: Number(counts.t ?? 0), plain: Number(counts.f ?? 0) };
}

test('sslmode=require: the server starts, signs people in, and every connection is TLS', { skip }, async (t) => {
  const server = await serve(t, url('sslmode=require'));
  const session = await signIn(server.url, DEMO.coordinator.email, DEMO.coordinator.password);
  assert.equal((await currentUser(server.url, session)).email, DEMO.coordinator.email);
  const seen = await connections();
  assert.ok(seen.tls >= 1, `the app holds TLS connections (${JSON.stringify(seen)})`);
  assert.equal(seen.plain, 0);
  const [version] = (await pg.sql(
    "SELECT DISTINCT s.version FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.datname = 'mw_tls'",
  )).split('\n');
  assert.match(version, /^TLSv1\.[23]$/);
});

test('sslmode=verify-full with sslrootcert checks the certificate and the name', { skip }, async (t) => {
  const server = await serve(t, url(`sslmode=verify-full&sslrootcert=${certs.caCert}`));
  await signIn(server.url, DEMO.mentor.email, DEMO.mentor.password);
});

test('a connection that cannot be encrypted, or verified, stops the start', { skip }, async () => {
  // This cluster refuses plain connections: the checks above are real.
  await assert.rejects(startServer({ env: { DATABASE_URL: url('sslmode=disable') } }),
    /Cannot open the database.*(no encryption|pg_hba)/s);
  // Mozilla's roots do not include the test CA.
  await assert.rejects(startServer({ env: { DATABASE_URL: url('sslmode=verify-full') } }),
    /Cannot open the database.*(certificate|UnknownIssuer)/is);
});
