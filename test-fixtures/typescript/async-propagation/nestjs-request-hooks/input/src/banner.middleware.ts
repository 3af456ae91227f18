// Applied with consumer.apply(...) without naming NestMiddleware.
import { Injectable } from '@nestjs/common';
import { readFileSync } from 'fs';

@Injectable()
export class BannerMiddleware {
  use(req: any, res: any, next: () => void) {
    res.setHeader('x-banner', readFileSync('banner.txt', 'utf8').trim());
    next();
  }
}

// Neither implements NestMiddleware nor is applied: not a handler.
export class Unused {
  use(): string {
    return readFileSync('unused.txt', 'utf8');
  }
}
