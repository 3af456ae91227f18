// The product store: one SQLite file, queried through a library that has no
// async API. Every function here takes and returns plain data.
const path = require('node:path');
const { Database } = require('node-sqlite3-wasm');

const file = process.env.SHOP_DB || path.join(__dirname, '..', 'data', 'shop.db');
const db = new Database(file);
db.exec(`
  CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL);
  CREATE TABLE IF NOT EXISTS reviews (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL, stars INTEGER NOT NULL, body TEXT NOT NULL)
`);

function listProducts() {
  return db.all('SELECT id, name, price FROM products ORDER BY id');
}

function findProduct(id) {
  const product = db.get('SELECT id, name, price FROM products WHERE id = ?', [id]);
  if (!product) return null;
  const reviews = db.all('SELECT stars, body FROM reviews WHERE product_id = ? ORDER BY id', [id]);
  return { ...product, reviews };
}

function addReview(productId, stars, body) {
  const info = db.run('INSERT INTO reviews (product_id, stars, body) VALUES (?, ?, ?)', [productId, stars, body]);
  return { id: info.lastInsertRowid, productId, stars, body };
}

// A slow query: counts through a recursive sequence as large as asked.
function countTo(n) {
  return db.get('WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM seq WHERE x < ?) SELECT count(*) AS n FROM seq', [n]).n;
}

module.exports = { listProducts, findProduct, addReview, countTo };
