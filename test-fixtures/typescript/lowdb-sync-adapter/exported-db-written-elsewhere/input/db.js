const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');

const adapter = new FileSync('notes.json');
const db = low(adapter);

function addNote(note) {
  db.get('notes').push(note).write();
}

module.exports = { db, addNote };
