import type { ChangesResponse, FolderList, MessageList } from '@petrel/contract';
import { OtherDevice, type MailServer, type MailUser } from '@petrel/test-mailserver';
import { ApiSession, type Exchange } from '../http.ts';
import { atMost, measured, type Result } from '../report.ts';

/** One catch-up: every `changes` page until hasMore is false (plus the login, after a reconnect). */
export interface Catchup {
  ms: number;
  roundTrips: number;
  wireBytes: number;
  updated: number;
  vanished: number;
  state: string;
}

const FLAG_CHANGES = 100;
const EXPUNGES = 10;

async function changesSince(session: ApiSession, since: string, before: Exchange[] = [], started = performance.now()): Promise<Catchup> {
  const exchanges = [...before];
  let state = since;
  let updated = 0;
  let vanished = 0;
  for (let page = 0; page < 1000; page++) {
    const ex = await session.get(`/api/folders/INBOX/changes?since=${encodeURIComponent(state)}`);
    exchanges.push(ex);
    if (ex.status !== 200) throw new Error(`changes: ${ex.status} ${ex.body.toString().slice(0, 200)}`);
    const body = JSON.parse(ex.body.toString()) as ChangesResponse;
    if (body.kind !== 'changes') throw new Error(`changes: cannotCalculateChanges (${body.reason})`);
    updated += body.updated.length;
    vanished = Math.max(vanished, body.vanished.length);
    state = body.state ?? state;
    if (!body.hasMore) break;
  }
  return {
    ms: performance.now() - started,
    roundTrips: exchanges.length,
    wireBytes: exchanges.reduce((sum, ex) => sum + ex.wireBytes, 0),
    updated,
    vanished,
    state,
  };
}

/** Newest UIDs of INBOX from the API (2 pages), for the other client to change. */
async function newestUids(session: ApiSession, want: number): Promise<number[]> {
  const uids: number[] = [];
  let cursor: string | null = null;
  while (uids.length < want) {
    const page: MessageList = await session.json(`/api/folders/INBOX/messages?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    uids.push(...page.messages.map((m) => m.uid));
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  return uids;
}

export interface ResyncSamples {
  openNoChange: Catchup[];
  openChanged: Catchup[];
  reconnectNoChange: Catchup[];
  reconnectChanged: Catchup[];
}

/**
 * Resync at the API level with a scripted client: `GET /api/folders/INBOX/changes?since=`,
 * on an open session (cookie and TCP connection up, the server's IMAP connection up) and
 * after a reconnect (signed out, so the server closed its IMAP connection; then a fresh TCP
 * connection, POST /api/session and the changes). "Changed": another client set \Flagged
 * on 100 messages and expunged 10 since the state token.
 */
export async function resync(baseUrl: string, mail: MailServer, user: MailUser, runs: number): Promise<ResyncSamples> {
  const device = await OtherDevice.connect(mail, user);
  let session = new ApiSession(baseUrl, user);
  const out: ResyncSamples = { openNoChange: [], openChanged: [], reconnectNoChange: [], reconnectChanged: [] };
  try {
    await session.login();
    const folders: FolderList = await session.json('/api/folders');
    let state = folders.folders.find((f) => f.path === 'INBOX')?.state;
    if (!state) throw new Error('INBOX has no state token (no CONDSTORE?)');
    const pool = await newestUids(session, 2 * runs * (FLAG_CHANGES + EXPUNGES));
    let changeNo = 0;
    // A keyword new to each batch, so all 100 really change (some already carry \Flagged).
    const change = async () => {
      const batch = pool.splice(0, FLAG_CHANGES + EXPUNGES);
      if (batch.length < FLAG_CHANGES + EXPUNGES) throw new Error('not enough messages left to change');
      await device.addFlags('INBOX', batch.slice(0, FLAG_CHANGES), ['\\Flagged', `$bench${++changeNo}`]);
      await device.expunge('INBOX', batch.slice(FLAG_CHANGES));
    };
    const check = (c: Catchup) => {
      if (c.updated < FLAG_CHANGES || c.vanished < EXPUNGES) throw new Error(`changes missed some: ${c.updated} updated, ${c.vanished} vanished`);
    };
    for (let i = 0; i < runs; i++) {
      const quiet = await changesSince(session, state);
      out.openNoChange.push(quiet);
      await change();
      const changed = await changesSince(session, quiet.state);
      check(changed);
      out.openChanged.push(changed);
      state = changed.state;
    }
    for (let i = 0; i < runs; i++) {
      for (const changed of [false, true]) {
        await session.logout();
        session.close();
        if (changed) await change();
        session = new ApiSession(baseUrl, user);
        const started = performance.now();
        const login = await session.login();
        const c = await changesSince(session, state, [login], started);
        if (changed) check(c);
        (changed ? out.reconnectChanged : out.reconnectNoChange).push(c);
        state = c.state;
      }
    }
  } finally {
    session.close();
    await device.close();
  }
  return out;
}

export function resyncResults(size: number, s: ResyncSamples): Result[] {
  const rows: Result[] = [];
  const groups: Array<[string, Catchup[], number | null]> = [
    ['open session, no changes', s.openNoChange, 30],
    ['open session, 100 flags + 10 expunges', s.openChanged, null],
    ['after reconnect (login + changes), no changes', s.reconnectNoChange, 150],
    ['after reconnect (login + changes), 100 flags + 10 expunges', s.reconnectChanged, null],
  ];
  for (const [what, samples, limit] of groups) {
    const base = { suite: 'resync', size };
    rows.push(
      measured({ ...base, metric: `${what}: time`, unit: 'ms', target: limit === null ? null : atMost(limit, 'ms') }, samples.map((c) => c.ms)),
      measured({ ...base, metric: `${what}: round trips`, unit: 'requests', target: null }, samples.map((c) => c.roundTrips)),
      measured({ ...base, metric: `${what}: bytes on the wire (responses)`, unit: 'bytes', target: null }, samples.map((c) => c.wireBytes)),
    );
  }
  return rows;
}
