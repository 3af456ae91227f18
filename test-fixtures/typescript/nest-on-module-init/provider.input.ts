import { Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';

@Injectable()
export class SettingsService {
  private readonly logger = new Logger(SettingsService.name);
  private settings: Record<string, string>;
  private banner: string;

  constructor(private readonly path: string) {
    this.logger.log(`loading ${path}`);
    this.settings = JSON.parse(readFileSync(path, 'utf8'));
    this.banner = this.settings.banner ?? '';
  }

  get(key: string): string {
    return this.settings[key] ?? this.banner;
  }
}
