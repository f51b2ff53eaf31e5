// Requests that the client gives up on part way: the browser closed, the
// phone lost signal. Used by the cancellation test and the benchmark.

/**
 * Sends `total` GETs for `paths` (taken in turn), `concurrency` at a time,
 * each aborted after a random 0..`maxMs` milliseconds. Returns how many
 * were aborted and how many finished first.
 */
export async function abandonRequests(url, paths, { cookie, total = 300, concurrency = 50, maxMs = 40 } = {}) {
  let aborted = 0;
  let finished = 0;
  let next = 0;
  async function worker() {
    while (next < total) {
      const path = paths[next % paths.length];
      next += 1;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), Math.random() * maxMs);
      try {
        const res = await fetch(`${url}${path}`, {
          signal: controller.signal,
          headers: cookie ? { cookie: `mw_session=${cookie}` } : {},
        });
        await res.arrayBuffer();
        finished += 1;
      } catch {
        aborted += 1;
      } finally {
        clearTimeout(timer);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { aborted, finished };
}
