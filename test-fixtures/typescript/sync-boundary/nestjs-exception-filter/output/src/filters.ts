// fixture-options: entry=all
// Nest calls an exception filter's `catch` without awaiting it (its
// exception handler calls the filter and returns), so an async `catch`
// would leave a rejection nothing handles: `AuditFilter.catch` (implements
// ExceptionFilter), `ReportFilter.catch` (extends BaseExceptionFilter) and
// `NoteFilter.catch` (only `@Catch()`) stay sync with a manual finding.
// Nest awaits guards and lifecycle hooks: `DiskGuard.canActivate` and
// `AuditFilter`'s own helper `archive`, called by nothing Nest owns, become
// async.
import { ArgumentsHost, CanActivate, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import * as fs from 'fs';
import { readFile, access } from 'fs/promises';

@Catch()
export class AuditFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    fs.appendFileSync('audit.log', String(exception));
    host.switchToHttp().getResponse().status(500).send('error');
  }

  async archive(): Promise<string> {
    return await readFile('audit.log', 'utf8');
  }
}

@Catch()
export class ReportFilter extends BaseExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    fs.appendFileSync('report.log', String(exception));
    super.catch(exception, host);
  }
}

@Catch()
export class NoteFilter {
  catch(exception: unknown): void {
    fs.appendFileSync('note.log', String(exception));
  }
}

@Injectable()
export class DiskGuard implements CanActivate {
  async canActivate(): Promise<boolean> {
    return await access('enabled.flag').then(() => true, () => false);
  }
}
