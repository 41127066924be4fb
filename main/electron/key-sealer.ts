// The OS key store seam: Electron's safeStorage (Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux)
// seals the workspaces' pseudonymisation keys (main/workspace/keys.ts). Only the type comes from Electron, so the
// choice below is unit-tested with a fake; main.ts passes the real safeStorage once the app is ready.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { KeySealer } from '../workspace/keys';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/**
 * A sealer over safeStorage, or null when there is no real OS key store: encryption unavailable, or Linux's
 * "basic_text" fallback (a hard-coded password, no better than a 0600 file, so we say "key file" honestly).
 */
export function safeStorageSealer(safe: SafeStorageLike, platform: NodeJS.Platform = process.platform): KeySealer | null {
  if (!safe.isEncryptionAvailable()) return null;
  let backend = platform === 'darwin' ? 'Keychain' : platform === 'win32' ? 'Windows DPAPI' : 'the OS key store';
  if (platform === 'linux') {
    const selected = safe.getSelectedStorageBackend?.() ?? 'unknown';
    if (selected === 'basic_text' || selected === 'unknown') return null;
    backend = selected === 'gnome_libsecret' ? 'the GNOME keyring (libsecret)' : `KDE Wallet (${selected})`;
  }
  return {
    name: `${backend}, through Electron safeStorage`,
    // safeStorage seals strings: the key travels as base64 and comes back as the same 32 bytes.
    seal: (plain) => safe.encryptString(plain.toString('base64')),
    unseal: (sealed) => Buffer.from(safe.decryptString(sealed), 'base64'),
  };
}

/** The state folder `cxw` uses (same rule as main/cli/args.ts): the window also reads the key files `cxw` made. */
export function cliStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CXW_STATE_DIR) return env.CXW_STATE_DIR;
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'cx-workbench');
}
