// The app's version, stored with every saved result (and answered by app.ping). Keep it equal to package.json's.
export const APP_VERSION = '0.2.0';
