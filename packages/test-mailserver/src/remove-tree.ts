import { execFileSync } from 'node:child_process';

/**
 * Deletes a folder tree. Not fs.rmSync: on Node 20, rmSync({recursive}) over Dovecot's
 * base_dir (full of unix sockets) leaves the process unable to resolve CommonJS modules
 * afterwards ("Cannot find module 'avvio'"), so the system's rm does it instead.
 */
export function removeTree(path: string): void {
  execFileSync('rm', ['-rf', '--', path]);
}
