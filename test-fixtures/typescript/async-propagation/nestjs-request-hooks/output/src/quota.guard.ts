import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { readFile } from 'fs/promises';

@Injectable()
export class QuotaGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const used = Number(await readFile('quota.txt', 'utf8'));
    return used < 100;
  }
}
