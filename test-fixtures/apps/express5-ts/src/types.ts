export type Role = 'admin' | 'member';

export interface User {
  id: string;
  name: string;
  role: Role;
  /** "salt:hash", both hex. */
  secretHash: string;
  createdAt: string;
}

export type PublicUser = Omit<User, 'secretHash'>;

export interface Note {
  id: string;
  owner: string;
  title: string;
  body: string;
  createdAt: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
