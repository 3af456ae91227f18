import { NextResponse } from 'next/server';
import { readFile } from 'node:fs/promises';

async function loadUser(id: string): Promise<{ name: string }> {
  return JSON.parse(await readFile(`data/${id}.json`, 'utf8'));
}

export async function GET(request: Request, { params }: { params: { id: string } }) {
  return NextResponse.json(await loadUser(params.id));
}

export const DELETE = async (request: Request) => {
  return new Response(String((await readFile('deleted.txt', 'utf8')).length));
};
