/**
 * Deterministic demo mailbox for the test mail server: ~2,000 realistic messages, plus a
 * loader for the shared MIME corpus. See generate.ts for how determinism is kept.
 */
export type { SeedMessage } from './types.ts';
export {
  DEFAULT_NOW,
  DEFAULT_SEED,
  DEMO_FOLDERS,
  FOLDER_SIZES,
  generateDemoMailbox,
} from './generate.ts';
export { CORPUS_FOLDER, loadCorpusMessages } from './corpus.ts';
