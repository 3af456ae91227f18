import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import * as fs from 'fs';

@Injectable()
export class QuotaGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const used = Number(fs.readFileSync('quota.txt', 'utf8'));
    return used < 100;
  }
}
