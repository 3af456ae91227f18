import type { NextFunction, Request, Response } from 'express';
import { authenticate } from './users.js';
import { HttpError, type User } from './types.js';

/** Middleware: HTTP Basic credentials "<user id>:<secret>". */
export function requireUser(req: Request, res: Response, next: NextFunction): void {
  const match = /^Basic (\S+)$/.exec(req.get('authorization') ?? '');
  if (!match) {
    throw new HttpError(401, 'credentials required');
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  res.locals.user = authenticate(decoded.slice(0, colon), decoded.slice(colon + 1));
  next();
}

export function currentUser(res: Response): User {
  return res.locals.user as User;
}
