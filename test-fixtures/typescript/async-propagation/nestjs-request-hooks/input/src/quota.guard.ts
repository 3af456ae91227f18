import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import * as fs from 'fs';
import { Observable } from 'rxjs';

@Injectable()
export class QuotaGuard implements CanActivate {
  // The return type Nest's CLI writes: the async form keeps its `Promise<boolean>` member.
  canActivate(context: ExecutionContext): boolean | Promise<boolean> | Observable<boolean> {
    const used = Number(fs.readFileSync('quota.txt', 'utf8'));
    return used < 100;
  }
}
