import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { readFile } from 'fs/promises';

@Injectable()
export class QuotaGuard implements CanActivate {
  // The return type Nest's CLI writes: the async form keeps its `Promise<boolean>` member.
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const used = Number(await readFile('quota.txt', 'utf8'));
    return used < 100;
  }
}
