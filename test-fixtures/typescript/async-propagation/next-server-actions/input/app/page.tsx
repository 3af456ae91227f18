import { appendFileSync } from 'node:fs';

export default function Page() {
  function subscribe(form: FormData) {
    'use server';
    appendFileSync('subscribers.txt', `${form.get('email')}\n`);
  }
  return (
    <form action={subscribe}>
      <input name="email" />
    </form>
  );
}
