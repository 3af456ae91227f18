import { Router, Request, Response } from 'express';
import { readFileSync } from 'node:fs';

export const router = Router();

function showLog(req: Request, res: Response): void {
  const log = readFileSync('app.log', 'utf8');
  res.type('text').send(log);
}

router.route('/log').get(showLog);
