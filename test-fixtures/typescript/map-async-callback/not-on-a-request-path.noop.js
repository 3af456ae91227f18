const fs = require('fs');

// A CLI helper: sync reads are fine here.
const texts = ['a.txt', 'b.txt'].map((file) => fs.readFileSync(file, 'utf8'));
console.log(texts.join('\n'));
