'use strict';
// Diagnostics for the /system endpoint: facts about the runtime, asked of a child node process.
const cp = require('child_process');
const { execFileSync } = require('node:child_process');

function nodeVersion() {
  return cp.execSync('node --version', { encoding: 'utf8' }).trim();
}

function cpuCount() {
  const out = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(require("os").cpus().length))']);
  return Number(out.toString());
}

function systemInfo() {
  return { node: nodeVersion(), cpus: cpuCount(), pid: process.pid };
}

module.exports = { systemInfo };
