// Sync-only Node libraries: APIs with no async form at all, by design. A call
// into one cannot be rewritten; it can only run somewhere else (a worker
// thread, rule worker-offload) or be reported. Data, like the blocking catalog.

/** A library whose database handle runs every query synchronously on the calling thread. */
export interface SyncOnlyDatabaseLibrary {
  /** Module specifier exactly as imported (`node:sqlite` has no unprefixed form). */
  module: string;
  /** The export that constructs a handle: undefined for the module itself (`new Database()` of a default export). */
  constructorExport?: string;
  /** Shown in messages. */
  label: string;
  /** Handle methods that run SQL now. */
  handleQueries: string[];
  /** Handle methods that return a prepared statement. */
  statementFactories: string[];
  /** Handle methods that return a function running a transaction when called. */
  transactionFactories: string[];
  /** Statement methods that run SQL now. */
  statementQueries: string[];
  /** Statement methods that return the statement (configuration). */
  statementChains: string[];
  /** Statement query methods whose result cannot leave the thread (an iterator). */
  iterators: string[];
  /** How the handle is opened in memory, where the data cannot be shared with another thread. */
  inMemory: { noArgument: boolean; names: string[] };
}

export const SYNC_ONLY_DATABASES: SyncOnlyDatabaseLibrary[] = [
  {
    module: 'better-sqlite3',
    label: 'better-sqlite3',
    handleQueries: ['exec', 'pragma'],
    statementFactories: ['prepare'],
    transactionFactories: ['transaction'],
    statementQueries: ['run', 'get', 'all', 'iterate'],
    statementChains: ['pluck', 'expand', 'raw', 'bind', 'safeIntegers'],
    iterators: ['iterate'],
    // `new Database()` and `new Database('')` open a temporary database that only this handle sees.
    inMemory: { noArgument: true, names: [':memory:', ''] },
  },
  {
    module: 'node:sqlite',
    constructorExport: 'DatabaseSync',
    label: 'node:sqlite DatabaseSync',
    handleQueries: ['exec'],
    statementFactories: ['prepare'],
    transactionFactories: [],
    statementQueries: ['run', 'get', 'all', 'iterate'],
    statementChains: ['setReadBigInts', 'setAllowBareNamedParameters', 'setReturnArrays'],
    iterators: ['iterate'],
    inMemory: { noArgument: false, names: [':memory:'] },
  },
  {
    module: 'node-sqlite3-wasm',
    constructorExport: 'Database',
    label: 'node-sqlite3-wasm',
    handleQueries: ['exec', 'run', 'get', 'all'],
    statementFactories: ['prepare'],
    transactionFactories: [],
    statementQueries: ['run', 'get', 'all', 'iterate'],
    statementChains: [],
    iterators: ['iterate'],
    inMemory: { noArgument: true, names: [':memory:'] },
  },
];
