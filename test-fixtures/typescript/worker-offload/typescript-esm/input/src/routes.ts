import express, { type Request, type Response } from 'express';
import { ordersOf, totalOf } from './data/orders.js';

export const router = express.Router();

router.get('/customers/:name/orders', (req: Request, res: Response) => {
  const orders = ordersOf(req.params.name, 50);
  res.json({ orders, total: totalOf(req.params.name) });
});
