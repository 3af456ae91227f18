import { readFileSync } from 'node:fs';
import { NextResponse } from 'next/server';

function loadUser(id: string): { name: string } {
  return JSON.parse(readFileSync(`data/${id}.json`, 'utf8'));
}

export function GET(request: Request, { params }: { params: { id: string } }) {
  return NextResponse.json(loadUser(params.id));
}

export const DELETE = (request: Request) => {
  return new Response(String(readFileSync('deleted.txt', 'utf8').length));
};
