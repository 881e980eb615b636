import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared MIME corpus: `PETREL_CORPUS_DIR`, or `shared/corpus/mime` beside the
 * repository checkout (where developers and CI have it).
 */
export function sharedMimeCorpusDir(): string {
  return (
    process.env.PETREL_CORPUS_DIR ??
    resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/mime')
  );
}
