// Report formats over a migration result. Pure: no I/O, no parser.
export { formatAnnotations } from './annotations.js';
export { baselineOf, parseBaseline, withoutBaseline, type Baseline, type BaselineEntry } from './baseline.js';
export { countFiles, countFindings, site, sortFindings, type FileCounts, type FindingCounts } from './counts.js';
export { encodeDiff, filePatches, formatDiff, type DiffableFile, type DiffOptions, type FilePatch } from './diff.js';
export type { ReportInput } from './input.js';
export { formatJson, toJsonReport, type JsonReport } from './json.js';
export { formatMarkdown, type MarkdownOptions } from './markdown.js';
export { formatSarif, toSarif, type SarifOptions } from './sarif.js';
export { guardReview, migrationReview, type GithubReview, type ReviewComment, type ReviewOptions } from './github-review.js';
export { exampleExtension, ruleDocUrl, ruleDocMarkdown, ruleDocPages, ruleIndexMarkdown, splitExampleOptions } from './rule-docs.js';
export { formatSummary, painter, type SummaryOptions } from './summary.js';
