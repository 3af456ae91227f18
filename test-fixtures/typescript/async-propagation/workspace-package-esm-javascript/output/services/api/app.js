// fixture-options: entry=all
import express from 'express';
import { loadCart, saveCart } from '@shop/storage';

const app = express();
app.use(express.json());

async function addItem(id, item) {
  const cart = await loadCart(id);
  cart.items.push(item);
  await saveCart(id, cart);
  return cart;
}

app.post('/carts/:id/items', async (req, res, next) => {
  try {
    res.json(await addItem(req.params.id, req.body));
  } catch (err) {
    next(err);
  }
});

export default app;
