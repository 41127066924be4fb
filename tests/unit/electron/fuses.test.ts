import { createRequire } from 'node:module';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it, vi } from 'vitest';

interface FusesHook {
  (context: { electronPlatformName: string; packager: { addElectronFuses: (ctx: unknown, config: unknown) => Promise<void> } }): Promise<void>;
  FUSE_SETTINGS: Record<string, boolean>;
  fuseConfig: (fuses: { FuseVersion: typeof FuseVersion; FuseV1Options: typeof FuseV1Options }, platform: string) => Record<string, unknown>;
}

const hook: FusesHook = createRequire(import.meta.url)('../../../build/fuses.cjs');

describe('build/fuses.cjs (electron-builder afterPack)', () => {
  it('sets every security fuse the checklist asks for', () => {
    const config = hook.fuseConfig({ FuseVersion, FuseV1Options }, 'linux');
    expect(config).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    expect(config.resetAdHocDarwinSignature).toBe(false);
    expect(hook.fuseConfig({ FuseVersion, FuseV1Options }, 'darwin').resetAdHocDarwinSignature).toBe(true);
  });

  it('hands the config to electron-builder, which locates the executable and flips the fuses', async () => {
    const addElectronFuses = vi.fn(() => Promise.resolve());
    const context = { electronPlatformName: 'win32', packager: { addElectronFuses } };
    await hook(context);
    expect(addElectronFuses).toHaveBeenCalledExactlyOnceWith(context, expect.objectContaining({ [FuseV1Options.RunAsNode]: false }));
  });
});
