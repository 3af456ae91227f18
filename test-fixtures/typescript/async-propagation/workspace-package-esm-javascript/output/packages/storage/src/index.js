import { readFile, writeFile } from 'node:fs/promises';

export async function loadCart(id) {
  return JSON.parse(await readFile(`carts/${id}.json`, 'utf8'));
}

export async function saveCart(id, cart) {
  await writeFile(`carts/${id}.json`, JSON.stringify(cart));
}
