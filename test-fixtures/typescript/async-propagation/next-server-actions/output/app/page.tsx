import { appendFile } from 'node:fs/promises';

export default function Page() {
  async function subscribe(form: FormData) {
    'use server';
    await appendFile('subscribers.txt', `${form.get('email')}\n`);
  }
  return (
    <form action={subscribe}>
      <input name="email" />
    </form>
  );
}
