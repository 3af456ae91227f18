import type { Item } from './store';

export function describeItem(item: Item): string {
  return `${item.id}: ${item.name}`;
}
