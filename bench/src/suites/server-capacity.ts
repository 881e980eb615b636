import type { MailUser } from '@petrel/test-mailserver';
import { cpuDelta, cpuSnapshot, type CpuByGroup, type CpuWatch } from '../cpu.ts';
import { ApiSession } from '../http.ts';
import { capacityMailServer, capacityUsers } from '../mail-fixture.ts';
import { startPetrel } from '../petrel-server.ts';
import { atMost, measured, type Result } from '../report.ts';
import { Resources, sleep, withTimeout } from '../resources.ts';

export interface CapacityOptions {
  levels: number[];
  /** Users whose INBOX has mail, and who take part in the list-latency test. */
  activeUsers: number;
  messagesEach: number;
  requestsPerUser: number;
  webDist: string;
  /** Extra server environment (e.g. a raised login rate limit). */
  serverEnv: Record<string, string>;
  /** Extra node flags for the server (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

/** One list-latency test: activeUsers users in a closed loop while `signedIn` users are signed in. */
export interface LatencyRun {
  signedIn: number;
  /** Each user's first request of the run, and the ones after it (allLatencies joins them). */
  firstLatencies: number[];
  repeatLatencies: number[];
  errors: number;
  planned: number;
  seconds: number;
  /** CPU seconds of the server and of Dovecot during the test. */
  cpu: CpuByGroup;
}

export interface CapacitySamples {
  baselineRss: number;
  /** Several RSS readings per level, a second apart. */
  levels: Array<{ users: number; rss: number[] }>;
  latency: LatencyRun[];
}

/** MB as in the target (10^6 bytes), which makes per-user figures a little larger than MiB. */
const mb = (bytes: number) => bytes / 1e6;
const RSS_READINGS = 5;
const LATENCY_DEADLINE_MS = 90_000;

/** Runs `work` over `items` with at most `limit` in flight. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function allLatencies(run: LatencyRun): number[] {
  return [...run.firstLatencies, ...run.repeatLatencies];
}

/**
 * Closed loop: each active user sends its next request when the last one answered, until it
 * sent `perUser` or the deadline passed (what completed is reported).
 */
async function listLatency(active: ApiSession[], perUser: number, signedIn: number, watch: CpuWatch): Promise<LatencyRun> {
  const run: LatencyRun = { signedIn, firstLatencies: [], repeatLatencies: [], errors: 0, planned: active.length * perUser, seconds: 0, cpu: {} };
  const before = cpuSnapshot(watch);
  const deadline = Date.now() + LATENCY_DEADLINE_MS;
  const started = performance.now();
  await Promise.all(
    active.map(async (session) => {
      for (let i = 0; i < perUser && Date.now() < deadline; i++) {
        try {
          const ex = await session.get('/api/folders/INBOX/messages?limit=50');
          if (ex.status !== 200) {
            run.errors++;
            continue;
          }
          (i === 0 ? run.firstLatencies : run.repeatLatencies).push(ex.ms);
        } catch {
          run.errors++;
        }
      }
    }),
  );
  run.seconds = (performance.now() - started) / 1000;
  run.cpu = cpuDelta(before, cpuSnapshot(watch));
  return run;
}

/**
 * Server capacity with scripted Node clients on loopback, against a Petrel server in a child
 * process of its own: RSS per signed-in user holding an open SSE stream (and so an idle IMAP
 * connection on the server), and the latency of `GET /api/folders/INBOX/messages?limit=50`
 * while `activeUsers` users request concurrently, each its own session — once at the first
 * level and again with every user signed in.
 */
export async function serverCapacity(o: CapacityOptions): Promise<CapacitySamples> {
  const resources = new Resources();
  const levels = [...o.levels].sort((a, b) => a - b);
  const maxUsers = levels[levels.length - 1]!;
  try {
    const mail = await capacityMailServer(maxUsers, o.activeUsers, o.messagesEach);
    resources.defer('capacity Dovecot', () => mail.stop());
    const petrel = await startPetrel(mail, o.webDist, o.serverEnv, o.nodeArgs ?? []);
    resources.defer('capacity Petrel server', () => petrel.stop());
    const watch = { serverPid: petrel.pid, imapPort: mail.port, dovecotRoot: mail.root, profileDir: '' };
    const users: MailUser[] = capacityUsers(maxUsers);
    const sessions: ApiSession[] = [];
    const streams: Array<{ close(): void }> = [];
    resources.defer('capacity clients', () => {
      for (const stream of streams) stream.close();
      for (const session of sessions) session.close();
    });

    // Warm-up: code paths loaded and JIT-compiled before the baseline reading.
    const warm = new ApiSession(petrel.url, users[0]!);
    await warm.login();
    const warmStream = await warm.openEvents();
    await warm.json('/api/folders/INBOX/messages?limit=50');
    warmStream.close();
    await warm.logout();
    warm.close();
    await sleep(3000);

    const out: CapacitySamples = { baselineRss: petrel.rssBytes(), levels: [], latency: [] };
    for (const level of levels) {
      const joining = users.slice(sessions.length, level);
      await withTimeout(
        inParallel(joining, 10, async (user) => {
          const session = new ApiSession(petrel.url, user, 2);
          sessions.push(session);
          await session.login();
          streams.push(await session.openEvents());
        }),
        Math.max(60_000, joining.length * 1000),
        `signing in ${joining.length} users`,
      );
      // Let IDLE start on every connection and the heap settle.
      await sleep(5000);
      const rss: number[] = [];
      for (let i = 0; i < RSS_READINGS; i++) {
        if (i > 0) await sleep(1000);
        rss.push(petrel.rssBytes());
      }
      out.levels.push({ users: level, rss });
      console.log(`  capacity: ${level} users, server RSS ${mb(rss[0]!).toFixed(0)} MB`);
      if (level === levels[0] || level === maxUsers) {
        const active = sessions.filter((session) => users.indexOf(session.user) < o.activeUsers);
        const run = await listLatency(active, o.requestsPerUser, level, watch);
        out.latency.push(run);
        console.log(`  capacity: list latency with ${level} signed in: ${allLatencies(run).length}/${run.planned} in ${run.seconds.toFixed(0)} s`);
      }
    }
    return out;
  } finally {
    await resources.closeAll();
  }
}

export function capacityResults(s: CapacitySamples, o: CapacityOptions): Result[] {
  const results: Result[] = s.levels.map((level) =>
    measured(
      {
        suite: 'server-capacity',
        metric: `server RSS per signed-in user (SSE open, idle IMAP), ${level.users} users`,
        size: null,
        unit: 'MB/user',
        target: atMost(3, 'MB'),
        note: `(RSS − ${mb(s.baselineRss).toFixed(0)} MB after warm-up) ÷ users; RSS ${mb(level.rss[0]!).toFixed(0)} MB; ${RSS_READINGS} readings 1 s apart`,
      },
      level.rss.map((rss) => mb(rss - s.baselineRss) / level.users),
    ),
  );
  const [low, high] = [s.levels[0], s.levels[s.levels.length - 1]];
  if (low && high && high.users > low.users) {
    results.push(
      measured(
        { suite: 'server-capacity', metric: `marginal RSS per user, ${low.users} → ${high.users} users`, size: null, unit: 'MB/user', target: null },
        high.rss.map((rss, i) => mb(rss - low.rss[i]!) / (high.users - low.users)),
      ),
    );
  }
  for (const run of s.latency) {
    const latencies = allLatencies(run);
    const slowest = latencies.length > 0 ? Math.max(...latencies) : NaN;
    results.push(
      measured(
        {
          suite: 'server-capacity',
          metric: `GET INBOX/messages?limit=50, ${o.activeUsers} users requesting concurrently, ${run.signedIn} signed in`,
          size: o.messagesEach,
          unit: 'ms',
          target: run.signedIn <= o.activeUsers ? atMost(100, 'ms', 'p95') : null,
          note:
            `${latencies.length} of ${run.planned} requests answered in ${run.seconds.toFixed(0)} s ` +
            `(${o.requestsPerUser} per user, closed loop, ${LATENCY_DEADLINE_MS / 1000} s deadline); ${run.errors} errors; ` +
            `max ${slowest.toFixed(0)} ms; CPU meanwhile: server ${(run.cpu.server ?? 0).toFixed(1)} s, Dovecot ${(run.cpu.dovecot ?? 0).toFixed(1)} s (2 cores)`,
        },
        latencies,
      ),
    );
    // The server keeps each connection's newest INBOX page while IDLE says nothing changed
    // (apps/server/src/mail/kept-page.ts): a user's first request reads IMAP, later ones may not.
    const parts = [
      ['each user’s first request', run.firstLatencies],
      ['the requests after it', run.repeatLatencies],
    ] as const;
    for (const [which, part] of parts) {
      if (part.length === 0) continue;
      results.push(
        measured(
          {
            suite: 'server-capacity',
            metric: `GET INBOX/messages?limit=50, ${o.activeUsers} users concurrently, ${run.signedIn} signed in: ${which}`,
            size: o.messagesEach,
            unit: 'ms',
            target: null,
            note: `${part.length} requests`,
          },
          part,
        ),
      );
    }
  }
  return results;
}
