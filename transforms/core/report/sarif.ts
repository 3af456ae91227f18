// SARIF 2.1.0 for code scanning (GitHub and others): one run, the rules that
// produced findings, one result per finding.
import { createHash } from 'node:crypto';
import type { Finding, RuleMeta } from '../types.js';
import { compareText, sortFindings } from './counts.js';
import { ruleDocMarkdown, ruleDocUrl } from './rule-docs.js';
import type { ReportInput } from './input.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export interface SarifOptions {
  version: string;
  informationUri?: string;
  /**
   * The root's path inside its git work tree (`web/`, or '' at the top): result paths are
   * given relative to the repository root, as code scanning matches them, wherever awaitify runs.
   */
  prefix?: string;
  /** Whether the run wrote its changes (only then does a result say `applied`). */
  written?: boolean;
}

export function toSarif(result: ReportInput, options: SarifOptions) {
  const findings = sortFindings(result.findings);
  const used = new Set(findings.map((f) => f.rule));
  // An id can name a rule in each language: describe it by the language it was found in.
  const languageOf = new Map(result.files.map((f) => [f.path, f.language]));
  const metaById = new Map<string, RuleMeta>();
  for (const f of findings) {
    if (metaById.has(f.rule)) continue;
    const meta = result.rules.find((r) => r.id === f.rule && r.language === languageOf.get(f.path)) ?? result.rules.find((r) => r.id === f.rule);
    if (meta) metaById.set(f.rule, meta);
  }
  const ruleIds = [...used].sort(compareText);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const textOf = new Map(result.files.map((f) => [f.path, f.original]));
  const prefix = options.prefix ?? '';
  // The repository root: the project root less as many directories as the prefix has.
  const rootPosix = result.root.replace(/\\/g, '/');
  const srcRoot = prefix ? rootPosix.split('/').slice(0, -prefix.replace(/\/$/, '').split('/').length).join('/') || '/' : result.root;
  const location = (path: string, line: number) => ({ physicalLocation: { artifactLocation: { uri: encodeUriPath(prefix + path), uriBaseId: '%SRCROOT%' }, region: { startLine: line } } });

  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'awaitify',
            version: options.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: ruleIds.map((id) => sarifRule(id, metaById.get(id), options.version)),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(srcRoot) } },
        invocations: [
          {
            executionSuccessful: !result.files.some((f) => f.status === 'failed'),
            toolExecutionNotifications: result.files
              .filter((f) => f.status === 'failed' || f.status === 'skipped')
              .map((f) => ({
                level: f.status === 'failed' ? 'error' : 'note',
                message: { text: `${f.status}: ${f.reason ?? ''}` },
                locations: [location(f.path, f.line ?? 1)],
              })),
          },
        ],
        results: withFingerprints(findings, textOf).map(({ finding: f, fingerprint }) => ({
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule)!,
          // Manual findings need a person; the others are fixed by running awaitify.
          level: f.safety === 'manual' ? 'warning' : 'note',
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeUriPath(prefix + f.path), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: f.line,
                  startColumn: f.column,
                  ...(f.endLine ? { endLine: f.endLine } : {}),
                  ...(f.endColumn ? { endColumn: f.endColumn } : {}),
                },
              },
            },
          ],
          partialFingerprints: { 'awaitify/v1': fingerprint },
          // A dry run or check changed nothing: it says whether awaitify has a fix, never that one was applied.
          properties: { safety: f.safety, ...(options.written ? { applied: f.applied === true } : { fixAvailable: f.applied === true }) },
        })),
      },
    ],
  };
}

export function formatSarif(result: ReportInput, options: SarifOptions): string {
  return `${JSON.stringify(toSarif(result, options), null, 2)}\n`;
}

/** SARIF's `name`: an identifier distinct from the id (`fs-sync-call` → `FsSyncCall`). */
export function sarifRuleName(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function sarifRule(id: string, meta: RuleMeta | undefined, version: string) {
  const helpUri = ruleDocUrl(id, version);
  if (!meta) return { id, name: sarifRuleName(id), shortDescription: { text: id }, helpUri };
  const d = meta.docs;
  return {
    id,
    name: sarifRuleName(id),
    helpUri,
    shortDescription: { text: d.summary },
    fullDescription: { text: d.whatItDoes },
    help: { text: `${d.whatItDoes}\n\n${d.why}\n\nFix safety: ${d.safety}`, markdown: ruleDocMarkdown(meta, { notice: false }) },
    defaultConfiguration: { level: meta.safety === 'manual' ? 'warning' : 'note' },
    properties: { language: meta.language, safety: meta.safety, tags: [meta.language, 'async'] },
  };
}

/**
 * A fingerprint that survives edits elsewhere in the file: the rule, the path,
 * the text of the flagged line, and which occurrence of that triple it is.
 */
function withFingerprints(findings: Finding[], textOf: Map<string, string | undefined>) {
  const lineCache = new Map<string, string[]>();
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    let lines = lineCache.get(finding.path);
    if (!lines) {
      lines = (textOf.get(finding.path) ?? '').split(/\r?\n/);
      lineCache.set(finding.path, lines);
    }
    const key = `${finding.rule}\0${finding.path}\0${(lines[finding.line - 1] ?? '').trim()}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { finding, fingerprint: `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${n}` };
  });
}


function encodeUriPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function directoryUri(root: string): string {
  const posix = root.replace(/\\/g, '/');
  const withSlash = posix.endsWith('/') ? posix : `${posix}/`;
  return `file://${withSlash.startsWith('/') ? '' : '/'}${encodeUriPath(withSlash)}`;
}
