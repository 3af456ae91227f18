import { readFileSync, writeFileSync } from 'node:fs';

export function loadCart(id) {
  return JSON.parse(readFileSync(`carts/${id}.json`, 'utf8'));
}

export function saveCart(id, cart) {
  writeFileSync(`carts/${id}.json`, JSON.stringify(cart));
}
