/**
 * Loads the shared MIME test corpus (real-world and torture-test .eml files) so the demo
 * server can also show how Petrel copes with mail it did not generate itself.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SeedMessage } from './types.ts';

export const CORPUS_FOLDER = 'Corpus';

async function listEml(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    // A missing corpus is normal (e.g. a checkout without shared/), not an error.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listEml(path)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.eml')) files.push(path);
  }
  return files;
}

/**
 * The Date header of the top-level header block, unfolded. Only the first header block is
 * looked at, so a Date inside an attached message/rfc822 part is never picked up.
 */
export function headerDate(raw: Buffer): Date | undefined {
  const text = raw.subarray(0, 64 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const headers = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const match = /^date:[ \t]*(.+)$/im.exec(headers);
  if (!match?.[1]) return undefined;
  const date = new Date(match[1].trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Every *.eml under `dir` (recursively, in sorted path order so UIDs are stable), raw
 * bytes untouched: corpus files test the parser exactly as they are, odd line ends and all.
 */
export async function loadCorpusMessages(dir: string): Promise<SeedMessage[]> {
  const files = (await listEml(dir)).sort();
  return Promise.all(
    files.map(async (path) => {
      const raw = await readFile(path);
      const internalDate = headerDate(raw) ?? (await stat(path)).mtime;
      return { folder: CORPUS_FOLDER, raw, flags: [], internalDate };
    }),
  );
}
