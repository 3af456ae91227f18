import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { appendFile } from 'fs/promises';

@Injectable()
export class TimingInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    await appendFile('calls.log', `${Date.now()}\n`);
    return next.handle();
  }
}
