import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12; // 96-bit IV: the size GCM is specified for (NIST SP 800-38D §8.2).
const TAG_BYTES = 16;

export class VaultError extends Error {}

/**
 * Keeps IMAP passwords encrypted at rest (in the session store and in the pool), so a dump
 * of the store or of the sessions alone does not reveal them: AES-256-GCM with a key derived
 * from the server secret by HKDF-SHA256 (RFC 5869), a random 96-bit IV per encryption, and
 * the user's email as additional authenticated data, so a sealed password cannot be moved
 * to another user's session. Sealed form: `v1.<base64url(iv | tag | ciphertext)>`.
 *
 * Changing PETREL_SECRET makes every sealed password unreadable: sessions then end and users
 * sign in again.
 */
export class CredentialVault {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'petrel', 'petrel/credential-vault/v1', 32));
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
  }

  /** Throws VaultError when the value was altered, sealed for another user or with another key. */
  open(sealed: string, associatedData: string): string {
    const [version, payload] = sealed.split('.');
    if (version !== VERSION || payload === undefined) throw new VaultError('Unknown sealed credential format');
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new VaultError('Sealed credential too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new VaultError('Sealed credential failed authentication', { cause: error });
    }
  }
}
