// Exit codes and output formats: what the argument parser needs before any command (and its analysis code) is loaded.

/** 75 is sysexits' EX_TEMPFAIL: another run holds the lock, try again later. An interrupted run exits 128 + the signal's number. */
export const EXIT = { ok: 0, pending: 1, usage: 2, failed: 3, locked: 75 } as const;

export const MIGRATE_FORMATS = ['diff', 'json', 'markdown', 'sarif', 'github', 'github-review'] as const;
export const CHECK_FORMATS = ['text', 'json', 'markdown', 'sarif', 'github', 'github-review'] as const;
