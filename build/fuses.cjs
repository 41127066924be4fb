// electron-builder afterPack hook: flips Electron's fuses in the packaged binary (before electron-builder signs it),
// turning off the ways to run the app as a plain Node, inspect it, or load code that is not the verified app.asar.
'use strict';

/** Fuse name → wanted value. Names are @electron/fuses' FuseV1Options keys; tests pin these values. */
const FUSE_SETTINGS = {
  // ELECTRON_RUN_AS_NODE would turn the signed app binary into a general-purpose Node interpreter.
  RunAsNode: false,
  // Chromium's cookie store is encrypted with the OS keychain (the app sets no cookies, but nothing stays plaintext).
  EnableCookieEncryption: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS could inject code (--require) or trust extra CAs into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk / SIGUSR1 would open a debugger port on the main process, with full Node access.
  EnableNodeCliInspectArguments: false,
  // macOS and Windows check app.asar against the hash electron-builder embeds (Info.plist / exe resource); Linux ignores it.
  EnableEmbeddedAsarIntegrityValidation: true,
  // Load the app only from app.asar, never from a side-loaded resources/app folder, so the integrity check cannot be skipped.
  OnlyLoadAppFromAsar: true,
  // file:// pages get no extra privileges: the app is served from app://, never file://.
  GrantFileProtocolExtraPrivileges: false,
};

/** The @electron/fuses config for flipFuses, built from the package's own enums. */
function fuseConfig(fuses, platform) {
  const config = {
    version: fuses.FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature on Apple Silicon; electron-builder re-signs right after this hook.
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
  };
  for (const [name, value] of Object.entries(FUSE_SETTINGS)) {
    const key = fuses.FuseV1Options[name];
    if (key === undefined) throw new Error(`@electron/fuses has no fuse named ${name}`);
    config[key] = value;
  }
  return config;
}

/** electron-builder calls this with its AfterPackContext. @electron/fuses is ESM-only, hence the dynamic import. */
async function afterPack(context) {
  const fuses = await import('@electron/fuses');
  // Let electron-builder locate the executable (name differs per platform) and run flipFuses on it.
  await context.packager.addElectronFuses(context, fuseConfig(fuses, context.electronPlatformName));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSE_SETTINGS = FUSE_SETTINGS;
module.exports.fuseConfig = fuseConfig;
