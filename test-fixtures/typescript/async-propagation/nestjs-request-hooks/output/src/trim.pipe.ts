import { Injectable, PipeTransform } from '@nestjs/common';
import { readFile } from 'fs/promises';

@Injectable()
export class BannedWordsPipe implements PipeTransform<string, Promise<string>> {
  async transform(value: string): Promise<string> {
    const banned = (await readFile('banned.txt', 'utf8')).split('\n');
    return banned.includes(value) ? '' : value;
  }
}
