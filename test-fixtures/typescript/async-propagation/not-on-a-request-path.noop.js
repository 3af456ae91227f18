const fs = require('fs');

// A build script: sync I/O is fine here, nothing serves requests.
function readManifest() {
  return JSON.parse(fs.readFileSync('manifest.json', 'utf8'));
}

function main() {
  const manifest = readManifest();
  console.log(manifest.name);
}

main();
