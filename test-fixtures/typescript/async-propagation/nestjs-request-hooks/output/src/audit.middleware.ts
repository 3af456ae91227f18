import { Injectable, NestMiddleware } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { appendFile } from 'fs/promises';

@Injectable()
export class AuditMiddleware implements NestMiddleware {
  async use(req: Request, res: Response, next: NextFunction) {
    await appendFile('audit.log', `${req.method} ${req.url}\n`);
    next();
  }
}
