// fixture-options: entry=all
import express from 'express';
import { loadCart, saveCart } from '@shop/storage';

const app = express();
app.use(express.json());

function addItem(id, item) {
  const cart = loadCart(id);
  cart.items.push(item);
  saveCart(id, cart);
  return cart;
}

app.post('/carts/:id/items', (req, res) => {
  res.json(addItem(req.params.id, req.body));
});

export default app;
