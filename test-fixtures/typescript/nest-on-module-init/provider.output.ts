import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { readFile } from 'node:fs/promises';

@Injectable()
export class SettingsService implements OnModuleInit {
  private readonly logger = new Logger(SettingsService.name);
  private settings!: Record<string, string>;
  private banner!: string;

  constructor(private readonly path: string) {
    this.logger.log(`loading ${path}`);
  }

  async onModuleInit(): Promise<void> {
    this.settings = JSON.parse(await readFile(this.path, 'utf8'));
    this.banner = this.settings.banner ?? '';
  }

  get(key: string): string {
    return this.settings[key] ?? this.banner;
  }
}
