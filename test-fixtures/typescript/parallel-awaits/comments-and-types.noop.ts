// fixture-options: rules=parallel-awaits
// A comment between the awaits, a typed declaration, and a shadowed Promise are left alone.
export async function a(id: string) {
  const user = await fetch(`/users/${id}`);
  // posts are fetched after the user on purpose
  const posts = await fetch(`/posts/${id}`);
  return { user, posts };
}

export async function b(id: string) {
  const user: Response = await fetch(`/users/${id}`);
  const posts: Response = await fetch(`/posts/${id}`);
  return { user, posts };
}

export async function c(id: string, Promise: { all(x: unknown[]): unknown }) {
  const user = await fetch(`/users/${id}`);
  const posts = await fetch(`/posts/${id}`);
  return { user, posts, Promise };
}
