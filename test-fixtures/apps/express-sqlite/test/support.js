// Each test file gets a database file of its own, seeded before the app loads.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Database } = require('node-sqlite3-wasm');

function freshDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'express-sqlite-'));
  const file = path.join(dir, 'shop.db');
  const db = new Database(file);
  db.exec(`
    CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL);
    CREATE TABLE reviews (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL, stars INTEGER NOT NULL, body TEXT NOT NULL)
  `);
  db.run('INSERT INTO products (id, name, price) VALUES (1, ?, 4.5), (2, ?, 12)', ['Teapot', 'Kettle']);
  db.run('INSERT INTO reviews (product_id, stars, body) VALUES (1, 5, ?)', ['pours well']);
  db.close();
  process.env.SHOP_DB = file;
  return file;
}

module.exports = { freshDatabase };
