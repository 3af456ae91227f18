import express, { type Request, type Response } from 'express';
import { ordersOf, totalOf } from './data/orders.js';
import { runInWorker } from './offload-worker.js';

export const router = express.Router();

router.get('/customers/:name/orders', async (req: Request, res: Response) => {
  const orders = await runInWorker<typeof ordersOf>(new URL('./data/orders.js', import.meta.url), 'ordersOf', [req.params.name, 50]);
  res.json({ orders, total: await runInWorker<typeof totalOf>(new URL('./data/orders.js', import.meta.url), 'totalOf', [req.params.name]) });
});
