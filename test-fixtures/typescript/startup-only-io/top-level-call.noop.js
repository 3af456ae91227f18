// fixture-options: entry=all
const fs = require('fs');

const banner = fs.readFileSync('banner.txt', 'utf8');
console.log(banner);
