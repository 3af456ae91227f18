import { Injectable, PipeTransform } from '@nestjs/common';
import * as fs from 'fs';

@Injectable()
export class BannedWordsPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const banned = fs.readFileSync('banned.txt', 'utf8').split('\n');
    return banned.includes(value) ? '' : value;
  }
}
