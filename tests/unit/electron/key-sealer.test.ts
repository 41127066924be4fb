// The safeStorage seam: when a real OS key store backs safeStorage the key is sealed (and comes back byte for
// byte), and when it does not (encryption unavailable, or Linux's basic_text / not-yet-ready "unknown") there is no
// sealer, so keys.ts falls back to a 0600 key file instead of pretending. The fake safeStorage reverses the
// string and prefixes a marker: enough to see that what is stored is not the key and that unseal inverts seal.
import { describe, expect, it } from 'vitest';
import { cliStateDir, safeStorageSealer } from '../../../main/electron/key-sealer';

function fakeSafeStorage(available: boolean, backend: string) {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => Buffer.from(`v10${[...s].reverse().join('')}`),
    decryptString: (b: Buffer) => [...b.toString().slice(3)].reverse().join(''),
    getSelectedStorageBackend: () => backend as 'basic_text',
  };
}

describe('safeStorageSealer', () => {
  const key = Buffer.from('00ff10ef20df30cf40bf50af609f708f00ff10ef20df30cf40bf50af609f708f', 'hex');

  it('seals and unseals the 32 key bytes exactly, and the sealed form is not the key', () => {
    for (const [platform, backend, name] of [
      ['linux', 'gnome_libsecret', 'the GNOME keyring (libsecret)'],
      ['linux', 'kwallet5', 'KDE Wallet (kwallet5)'],
      ['darwin', 'unknown', 'Keychain'],
      ['win32', 'unknown', 'Windows DPAPI'],
    ] as const) {
      const sealer = safeStorageSealer(fakeSafeStorage(true, backend), platform);
      expect(sealer?.name).toBe(`${name}, through Electron safeStorage`);
      const sealed = sealer!.seal(key);
      expect(sealed.indexOf(key)).toBe(-1);
      expect(sealed.toString().includes(key.toString('base64'))).toBe(false);
      expect(sealer!.unseal(sealed).equals(key)).toBe(true);
    }
  });

  it('gives no sealer without a real OS key store (unavailable, basic_text, or before ready)', () => {
    expect(safeStorageSealer(fakeSafeStorage(false, 'gnome_libsecret'), 'linux')).toBeNull();
    expect(safeStorageSealer(fakeSafeStorage(true, 'basic_text'), 'linux')).toBeNull();
    expect(safeStorageSealer(fakeSafeStorage(true, 'unknown'), 'linux')).toBeNull();
    expect(safeStorageSealer(fakeSafeStorage(false, 'unknown'), 'darwin')).toBeNull();
  });

  it('the window reads the key files of the same state folder cxw uses', () => {
    expect(cliStateDir({ CXW_STATE_DIR: '/s' })).toBe('/s');
    expect(cliStateDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/cx-workbench');
  });
});
