// A fixture's or a doc example's options line (`// fixture-options: express=5 entry=all`)
// as migrate() options: policy keys go to their options, everything else is a target.
import type { MigrateOptions } from '../../transforms/core/pipeline.js';
import { splitExampleOptions } from '../../transforms/core/report/rule-docs.js';
import type { Targets } from '../../transforms/core/types.js';

export type OptionLine = Record<string, string>;

export function parseOptionLine(line: string): OptionLine | undefined {
  const { options, body } = splitExampleOptions(`${line}\n`);
  return body === '' ? options : undefined;
}

/**
 * `paths=shop/views.py,shop/forms.py` runs on those paths only (the files the run may change;
 * the whole project is still analysed), `root=app` sets the project root; both relative to the
 * case's directory.
 */
export function toMigrateOptions(
  options: OptionLine,
): Pick<MigrateOptions, 'entry' | 'api' | 'safety' | 'toplevel' | 'rules' | 'skip' | 'offload' | 'paths' | 'root'> & { targets: Partial<Targets> } {
  const { entry, api, safety, toplevel, rules, skip, offload, paths, root, ...targets } = options;
  return {
    ...(paths ? { paths: paths.split(',') } : {}),
    ...(root ? { root } : {}),
    entry,
    api: api as MigrateOptions['api'],
    safety: safety as MigrateOptions['safety'],
    toplevel: toplevel as MigrateOptions['toplevel'],
    rules: rules ? rules.split(',') : undefined,
    skip: skip ? skip.split(',') : undefined,
    offload: offload ? offload.split(',') : undefined,
    targets,
  };
}
