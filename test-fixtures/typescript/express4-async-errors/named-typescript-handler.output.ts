import { Router, Request, Response, NextFunction } from 'express';
import { readFile } from 'node:fs/promises';

export const router = Router();

async function showLog(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const log = await readFile('app.log', 'utf8');
    res.type('text').send(log);
  } catch (err) {
    next(err);
  }
}

router.route('/log').get(showLog);
