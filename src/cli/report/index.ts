/**
 * The HTML report of `referwell report --html`: {@link renderHtmlReport} and its
 * input, {@link ReportInput}.
 *
 * @module
 */
export { renderHtmlReport } from './render';
export type { ReportInput } from './report-data';
