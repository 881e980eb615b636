import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PostalMime from 'postal-mime';
import { afterAll, describe, expect, it } from 'vitest';
import { headerDate } from './corpus.ts';
import { loadCorpusMessages } from './index.ts';

/** shared/ sits next to the repository checkout, both here and in CI. */
const SHARED_CORPUS = resolve(
  fileURLToPath(import.meta.url),
  '../../../../../../shared/corpus/mime',
);

const tmp = mkdtempSync(join(tmpdir(), 'petrel-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('loadCorpusMessages', () => {
  it('loads every .eml recursively, bytes unchanged, with Date header or mtime', async () => {
    mkdirSync(join(tmp, 'a', 'deep'), { recursive: true });
    // Bare LF on purpose: corpus files must not be normalized.
    const dated = Buffer.from(
      'From: a@example.com\nDate: Tue, 3 Mar 2020 10:00:00 +0100\nSubject: x\n\nbody\n',
    );
    const folded = Buffer.from(
      'Subject: y\r\nDate:\r\n Wed, 4 Mar 2020 08:00:00 +0000\r\n\r\nDate: Mon, 1 Jan 2001 00:00:00 +0000\r\n',
    );
    const undated = Buffer.from('Subject: no date\r\n\r\nDate: Mon, 1 Jan 2001 00:00:00 +0000\r\n');
    writeFileSync(join(tmp, 'dated.eml'), dated);
    writeFileSync(join(tmp, 'a', 'folded.EML'), folded);
    writeFileSync(join(tmp, 'a', 'deep', 'undated.eml'), undated);
    writeFileSync(join(tmp, 'a', 'notes.txt'), 'not mail');
    const mtime = new Date('2019-05-06T07:08:09Z');
    utimesSync(join(tmp, 'a', 'deep', 'undated.eml'), mtime, mtime);

    const messages = await loadCorpusMessages(tmp);
    expect(messages).toHaveLength(3);
    const byBody = (buf: Buffer) => messages.find((m) => m.raw.equals(buf));
    expect(byBody(dated)?.internalDate.toISOString()).toBe('2020-03-03T09:00:00.000Z');
    expect(byBody(folded)?.internalDate.toISOString()).toBe('2020-03-04T08:00:00.000Z');
    expect(byBody(undated)?.internalDate.toISOString()).toBe('2019-05-06T07:08:09.000Z');
    for (const m of messages) {
      expect(m.folder).toBe('Corpus');
      expect(m.flags).toEqual([]);
    }
  });

  it('returns [] for a missing directory', async () => {
    expect(await loadCorpusMessages(join(tmp, 'does-not-exist'))).toEqual([]);
  });

  it('ignores a Date header that does not parse', () => {
    expect(headerDate(Buffer.from('Date: not a date\r\n\r\n'))).toBeUndefined();
  });

  it.skipIf(!existsSync(SHARED_CORPUS))('loads the whole shared MIME corpus', async () => {
    const onDisk = (readdirSync(SHARED_CORPUS, { recursive: true, encoding: 'utf8' }) as string[])
      .filter((name) => name.toLowerCase().endsWith('.eml'))
      .map((name) => join(SHARED_CORPUS, name))
      .sort();
    expect(onDisk.length).toBeGreaterThan(10);
    const messages = await loadCorpusMessages(SHARED_CORPUS);
    expect(messages).toHaveLength(onDisk.length);
    messages.forEach((message, i) => {
      expect(message.raw.equals(readFileSync(onDisk[i]!))).toBe(true);
      expect(Number.isNaN(message.internalDate.getTime())).toBe(false);
    });
    // The parser the web app relies on copes with every file.
    for (const message of messages)
      await expect(PostalMime.parse(message.raw)).resolves.toBeDefined();
  });
});
