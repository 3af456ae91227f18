const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');

const adapter = new FileSync('visits.json');
const db = low(adapter);

function recordVisit(page) {
  db.get('visits').push({ page }).write();
}

function clearVisits() {
  db.set('visits', []).write();
}

module.exports = { recordVisit, clearVisits };
