export { ReportService } from './reports.js';
export * from './template.js';
