// fixture-options: express=5
import { DatabaseSync } from 'node:sqlite';

export interface Order {
  id: number;
  customer: string;
  total: number;
  placedAt: string;
}

const db = new DatabaseSync(process.env.ORDERS_DB ?? 'orders.db');
db.exec('CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, customer TEXT, total REAL, placed_at TEXT)');

export function ordersOf(customer: string, limit: number): Order[] {
  const rows = db.prepare('SELECT id, customer, total, placed_at FROM orders WHERE customer = ? LIMIT ?').all(customer, limit);
  return rows.map((r) => ({ id: Number(r.id), customer: String(r.customer), total: Number(r.total), placedAt: String(r.placed_at) }));
}

export function totalOf(customer: string): number {
  const row = db.prepare('SELECT sum(total) AS t FROM orders WHERE customer = ?').get(customer) as { t: number | null };
  return row.t ?? 0;
}
