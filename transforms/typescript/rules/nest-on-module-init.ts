// nest-on-module-init: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const nestOnModuleInitRule: RuleMeta = {
  id: RULE.nestOnModuleInit,
  language: 'typescript',
  safety: 'review',
  structural: true,
  exampleExt: 'ts',
  docs: {
    summary: "Moves blocking I/O out of a NestJS provider's constructor into `async onModuleInit()`.",
    whatItDoes:
      "In a class decorated `@Injectable()` or `@Controller()` from @nestjs/common, the constructor's trailing `this.x = ...;` statements move into a new `async onModuleInit()` when one of them now awaits something (a blocking call rewritten to its async form, or a call of a function that became async). The move is in place: the constructor ends before the first moved statement (and goes entirely when nothing stays and it has no parameters). Parameter properties are read through `this`; in TypeScript, property declarations without initializer get a definite-assignment `!`, and the class gets `implements OnModuleInit` with its import (so does a JavaScript class that already has an implements clause). The tail stops at the first statement that cannot move: anything that is not a `this.x = ...` assignment, an assignment that uses the constructor's own locals or plain parameters, `super` or `arguments`, a readonly property (only the constructor may assign it); blocking calls left in the constructor are reported with that reason. A class that already has an `onModuleInit` method gets the moved statements in a new private `initFromConstructor()` instead, which its `onModuleInit` awaits first (made async, `void` becoming `Promise<void>`), unless project code calls `onModuleInit()` itself or it returns a value.",
    why: 'Nest constructs providers synchronously, so a constructor cannot await, and its blocking I/O stalls startup. Nest awaits `onModuleInit()` of every provider before the application starts serving requests: I/O there can be asynchronous.',
    example: {
      before:
        "import { Injectable } from '@nestjs/common';\nimport { readFileSync } from 'node:fs';\n\n@Injectable()\nexport class SettingsService {\n  private settings: Record<string, string>;\n\n  constructor() {\n    this.settings = JSON.parse(readFileSync('settings.json', 'utf8'));\n  }\n}\n",
      after:
        "import { Injectable, OnModuleInit } from '@nestjs/common';\nimport { readFile } from 'node:fs/promises';\n\n@Injectable()\nexport class SettingsService implements OnModuleInit {\n  private settings!: Record<string, string>;\n\n  async onModuleInit(): Promise<void> {\n    this.settings = JSON.parse(await readFile('settings.json', 'utf8'));\n  }\n}\n",
    },
    safety: 'Review: the moved properties are assigned later than before, when Nest initialises the module instead of when it constructs the provider. Code that reads them in between (another provider\'s constructor calling into this one) sees them unset, and a test that compiles a testing module must call `init()` for `onModuleInit` to run. A class that project code constructs with `new` (outside Nest, where `onModuleInit` never runs) keeps its constructor, with a manual finding.',
  },
};
