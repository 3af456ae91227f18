#!/usr/bin/env node
const { readConfig } = require('..');

async function main() {
  console.log(JSON.stringify(readConfig(process.argv[2] || 'config.json')));
}

main();
