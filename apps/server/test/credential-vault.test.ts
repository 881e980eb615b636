import { describe, expect, it } from 'vitest';
import { CredentialVault, VaultError } from '../src/auth/credential-vault.ts';

const vault = new CredentialVault('a'.repeat(40));

describe('CredentialVault', () => {
  it('round-trips a password, with a fresh IV each time', () => {
    const a = vault.seal('pässwörd 🔑', 'alice@petrel.test');
    const b = vault.seal('pässwörd 🔑', 'alice@petrel.test');
    expect(a).not.toBe(b);
    expect(a).not.toContain('pässwörd');
    expect(vault.open(a, 'alice@petrel.test')).toBe('pässwörd 🔑');
    expect(vault.open(b, 'alice@petrel.test')).toBe('pässwörd 🔑');
  });

  it('detects a flipped bit anywhere in the sealed value', () => {
    const sealed = vault.seal('secret', 'alice@petrel.test');
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    for (const index of [0, 12, 20, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[index] = (tampered[index] ?? 0) ^ 1;
      expect(() => vault.open(`v1.${tampered.toString('base64url')}`, 'alice@petrel.test')).toThrow(VaultError);
    }
  });

  it('refuses a value sealed for another user, with another secret, or malformed', () => {
    const sealed = vault.seal('secret', 'alice@petrel.test');
    expect(() => vault.open(sealed, 'bob@petrel.test')).toThrow(VaultError);
    expect(() => new CredentialVault('b'.repeat(40)).open(sealed, 'alice@petrel.test')).toThrow(VaultError);
    expect(() => vault.open('v2.' + sealed.slice(3), 'alice@petrel.test')).toThrow(VaultError);
    expect(() => vault.open('v1.AAAA', 'alice@petrel.test')).toThrow(VaultError);
  });
});
