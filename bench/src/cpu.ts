import { readFileSync, readdirSync } from 'node:fs';

/** CPU seconds (user + system) used so far by each group of processes. */
export type CpuByGroup = Record<string, number>;

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
  ticks: number;
}

const TICKS_PER_SECOND = 100;

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({ pid: Number(name), ppid: Number(fields[1]), cmdline, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/**
 * Where the CPU goes during a measurement, from /proc: the Petrel server, Dovecot (the
 * instance on `imapPort`), and the Chromium that uses `profileDir`, split into its browser
 * process (which also runs IndexedDB's backing store), renderers and the rest. Processes
 * that exit during the window lose their share, so this is a lower bound for short-lived ones.
 */
export interface CpuWatch {
  serverPid: number;
  imapPort: number;
  dovecotRoot: string;
  profileDir: string;
}

export function cpuSnapshot(who: CpuWatch): CpuByGroup {
  const all = processes();
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const groups: CpuByGroup = { server: 0, dovecot: 0, 'chromium browser': 0, 'chromium renderer': 0, 'chromium other': 0 };
  const add = (group: string, p: Proc) => (groups[group] = (groups[group] ?? 0) + p.ticks / TICKS_PER_SECOND);
  for (const p of all) {
    if (p.pid === who.serverPid) add('server', p);
    else if (p.cmdline.includes(`dovecot-petrel-${who.imapPort}/`) || p.cmdline.includes(`${who.dovecotRoot}/dovecot.conf`)) add('dovecot', p);
  }
  const browser = all.find((p) => p.cmdline.includes(`--user-data-dir=${who.profileDir}`) && !p.cmdline.includes('--type='));
  if (browser) {
    const stack = [browser];
    while (stack.length > 0) {
      const p = stack.pop()!;
      const type = /--type=(\S+)/.exec(p.cmdline)?.[1];
      add(type === undefined ? 'chromium browser' : type === 'renderer' ? 'chromium renderer' : 'chromium other', p);
      stack.push(...(children.get(p.pid) ?? []));
    }
  }
  return groups;
}

export function cpuDelta(before: CpuByGroup, after: CpuByGroup): CpuByGroup {
  const out: CpuByGroup = {};
  for (const [group, seconds] of Object.entries(after)) out[group] = Math.max(0, seconds - (before[group] ?? 0));
  return out;
}
