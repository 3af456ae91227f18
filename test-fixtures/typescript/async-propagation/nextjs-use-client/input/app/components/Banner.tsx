'use client';
import { banner } from '../../lib/banner';

// A client component renders synchronously: it must never become async.
export function Banner() {
  return <p>{banner()}</p>;
}
