// Where Debian's Chromium is and the flags it starts with, shared by the
// browser tests and the benchmarks. This machine's network is closed, so
// the background-networking flags stop Chromium reaching for Google's
// hosts at every start.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
