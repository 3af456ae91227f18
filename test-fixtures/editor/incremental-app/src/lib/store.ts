export interface Item {
  id: string;
  name: string;
}

const items = new Map<string, Item>([['1', { id: '1', name: 'first' }]]);

export function loadItem(id: string): Item {
  return items.get(id) ?? { id, name: 'unknown' };
}

export function listItems(): Item[] {
  return [...items.values()];
}
