// fixture-options: express=5
import Database from 'better-sqlite3';
import express from 'express';

class Store {
  private readonly db = new Database('store.db');

  item(id: number): unknown {
    return this.db.prepare('SELECT * FROM items WHERE id = ?').get(id);
  }
}

const store = new Store();
export const app = express();
app.get('/items/:id', (req, res) => {
  res.json(store.item(Number(req.params.id)));
});
