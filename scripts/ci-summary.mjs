#!/usr/bin/env node
// Prints CI's closing line, "N passed, N failed, N skipped", from the vitest and Playwright
// JSON reports. A stage that failed before writing its report counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const exitStatus = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

if (existsSync('.reports/unit.json')) {
  const unit = JSON.parse(readFileSync('.reports/unit.json', 'utf8'));
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  if (!unit.success && (unit.numFailedTests ?? 0) === 0) failed += 1; // a suite that failed to load
} else missing.push('unit');

if (existsSync('.reports/e2e.json')) {
  const stats = JSON.parse(readFileSync('.reports/e2e.json', 'utf8')).stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  skipped += stats.skipped ?? 0;
} else missing.push('e2e');

if (exitStatus !== 0 && failed === 0) failed = 1;
if (missing.length > 0) console.log(`(no report from: ${missing.join(', ')})`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
// A failure the runners reported must fail CI even if a runner's own exit status said otherwise.
if (failed > 0) process.exitCode = 1;
