/**
 * The `tally` command line. It calls the same API as the UI, in-process. Exit status: 0 success,
 * 1 the work found a problem, 2 bad usage or bad input. Errors are one sentence on stderr.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, basename, extname, join, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { TallyError, redactSecrets, usageErrorCodes } from '../../src-shared/errors';
import { createInProcessClient } from '../api/in-process';
import { setUpHost } from '../api/host-setup';
import { defaultDemoPaths, rendererBuildDir } from '../app-paths';
import { generateDemoDatabase } from '../demo/generate';
import { startWebHost } from '../server/web-host';
import { tallyVersion } from '../version';
import { canonicalPlanJson } from '../api/plan-api';
import { renderProfileHtml } from '../profile/html-report';
import { formatProfileSummary } from '../profile/text-summary';
import { planSchema, type Plan } from '../../src-shared/plan';
import { describeValidationError } from '../api/dispatcher';
import { runInWorker } from '../worker/run-in-worker';
import { rejectsCsv } from '../engine/rejects-csv';
import { replayRejects } from '../engine/replay';
import { forgetRun, rollbackRun } from '../engine/rollback';
import { MemorySecretStore } from '../connections/secret-store';
import { Workspace } from '../workspace/workspace';
import { createApi } from '../api/api';
import { signoffReportFor } from '../report/collect';
import { formatValidatedTable } from '../validate/text-summary';
import type { ValidationEvent } from '../../src-shared/validation';
import { createProgressPrinter, formatRunSummary, formatRuns, formatSchema, summarizePlan } from './format';

type RunCommandOptions = {
  dryRun?: boolean;
  mode?: string;
  json?: boolean;
  workspace?: string;
  fresh?: boolean;
  allowDrift?: boolean;
  batchRows?: number;
};

/** Runs of `sales.plan.json` are kept in `sales.plan.tally` beside it. */
function defaultWorkspaceFor(planFile: string): string {
  return join(dirname(resolve(planFile)), `${basename(planFile, extname(planFile))}.tally`);
}

function readPlanFile(planFile: string): Plan {
  let text: string;
  try {
    text = readFileSync(planFile, 'utf8');
  } catch {
    throw new TallyError('file-missing', `The plan file ${planFile} cannot be read.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TallyError('bad-input', `The plan file ${planFile} is not valid JSON: ${(error as Error).message}.`);
  }
  const parsed = planSchema.safeParse(json);
  if (!parsed.success)
    throw new TallyError('bad-input', describeValidationError(parsed.error, `plan file ${planFile}`));
  return parsed.data;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number.');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A throwaway workspace for one-shot commands, so `tally inspect` never touches a project file. */
function scratchWorkspace(): string {
  return join(mkdtempSync(join(tmpdir(), 'tally-cli-')), 'scratch.tally');
}

function openBrowser(url: string): boolean {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) return false;
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

export function buildProgram(): Command {
  const program = new Command('tally')
    .description('Tally: move a database to another without losing a row, and prove it arrived.')
    .version(tallyVersion)
    .showHelpAfterError('(run tally --help for usage)');

  program
    .command('inspect')
    .description('list the tables, columns, keys and row counts of a database')
    .argument(
      '<url>',
      'sqlite:path/to/file.db, postgres://user@host:5432/db, mssql://user@host:1433/db, mysql://user@host:3306/db',
    )
    .option('--json', 'print one JSON document')
    .option('--columns', 'list every column with its native and portable type')
    .option('--schema <name>', 'only this schema (repeatable)', collect, [] as string[])
    .action(async (url: string, options: { json?: boolean; columns?: boolean; schema: string[] }) => {
      const host = setUpHost({ host: 'cli', workspacePath: scratchWorkspace() });
      const api = createInProcessClient(host.dispatcher);
      try {
        const schema = await api.call('schema.inspect', {
          target: { url },
          ...(options.schema.length > 0 ? { schemas: options.schema } : {}),
        });
        process.stdout.write(
          options.json
            ? `${JSON.stringify(schema, null, 2)}\n`
            : `${formatSchema(schema, { columns: options.columns ?? false })}\n`,
        );
      } finally {
        api.dispose();
        host.close();
      }
    });

  program
    .command('profile')
    .description('profile tables inside the database: nulls, formats, duplicates, orphans, alerts')
    .argument('<url>', 'the database to profile (opened read-only)')
    .option('--table <name>', 'only this table, as table or schema.table (repeatable)', collect, [] as string[])
    .option('--json', 'print one JSON document')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--full', 'profile every row, also of tables above the sampling threshold')
    .option('--sample-above <rows>', 'profile tables with more rows than this on a sample', positiveInteger)
    .action(
      async (
        url: string,
        options: { table: string[]; json?: boolean; html?: string; full?: boolean; sampleAbove?: number },
      ) => {
        if (options.json && options.html) throw new TallyError('bad-input', 'Choose one of --json and --html.');
        const host = setUpHost({ host: 'cli', workspacePath: scratchWorkspace() });
        const api = createInProcessClient(host.dispatcher);
        try {
          const profile = await api.call('profile.database', {
            target: { url },
            ...(options.table.length > 0 ? { tables: options.table } : {}),
            options: {
              ...(options.full ? { full: true } : {}),
              ...(options.sampleAbove !== undefined ? { sampleAbove: options.sampleAbove } : {}),
            },
          });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
            return;
          }
          if (options.html) {
            const { url: source } = await api.call('connections.parseUrl', { url });
            const file = resolve(options.html);
            try {
              writeFileSync(file, renderProfileHtml({ source, version: tallyVersion, ...profile }));
            } catch (error) {
              throw new TallyError('bad-input', `Tally cannot write ${options.html}: ${(error as Error).message}.`);
            }
            const alerts = profile.tables.reduce((sum, t) => sum + t.alerts.length, 0);
            process.stdout.write(`Wrote ${options.html}: ${profile.tables.length} tables, ${alerts} alerts.\n`);
            return;
          }
          process.stdout.write(`${formatProfileSummary(profile.tables)}\n`);
        } finally {
          api.dispose();
          host.close();
        }
      },
    );

  program
    .command('plan')
    .description('inspect both databases and write an auto-mapped plan file')
    .argument('<source-url>', 'the database to read from (opened read-only)')
    .argument('<target-url>', 'the database to write to')
    .requiredOption('-o, --output <file>', 'where to write the plan (JSON)')
    .option('--table <name>', 'only this source table (repeatable)', collect, [] as string[])
    .option('--name <name>', "the plan's name")
    .action(
      async (sourceUrl: string, targetUrl: string, options: { output: string; table: string[]; name?: string }) => {
        const host = setUpHost({ host: 'cli', workspacePath: scratchWorkspace() });
        const api = createInProcessClient(host.dispatcher);
        try {
          const plan = await api.call('plan.create', {
            source: { url: sourceUrl },
            target: { url: targetUrl },
            ...(options.table.length > 0 ? { tables: options.table } : {}),
            ...(options.name ? { name: options.name } : {}),
          });
          writeFileSync(resolve(options.output), canonicalPlanJson(plan));
          process.stdout.write(`${summarizePlan(plan, options.output)}\n`);
        } finally {
          api.dispose();
          host.close();
        }
      },
    );

  program
    .command('run')
    .description(
      'run a plan: move every table in foreign-key order, in checkpointed batches (resumes an unfinished run)',
    )
    .argument('<plan>', 'the plan file (JSON)')
    .option(
      '--dry-run',
      'rehearse: every row read, transformed, checked and written into scratch tables that are dropped',
    )
    .option(
      '--mode <mode>',
      "full | upsert | incremental (rows past each table's high-water mark); default: each table's mode in the plan",
    )
    .option('--json', 'print one JSON document; progress as JSON lines on stderr')
    .option('--workspace <file>', 'where runs, checkpoints and rejects are kept (default: beside the plan, .tally)')
    .option('--fresh', 'start a new run even if an unfinished one exists')
    .option('--allow-drift', 'run although the source changed since the plan was made')
    .option(
      '--batch-rows <n>',
      'a fixed number of rows per batch (by default batches adapt to row width)',
      positiveInteger,
    )
    .action(async (planFile: string, options: RunCommandOptions) => {
      const mode = options.mode;
      if (mode !== undefined && mode !== 'full' && mode !== 'upsert' && mode !== 'incremental')
        throw new TallyError('bad-input', `--mode must be full, upsert or incremental, not ${mode}.`);
      const plan = readPlanFile(planFile);
      const workspacePath = resolve(options.workspace ?? defaultWorkspaceFor(planFile));
      const progress = createProgressPrinter(options.json === true);
      const worker = runInWorker(
        {
          kind: 'run',
          planJson: JSON.stringify(plan),
          workspacePath,
          ...(options.batchRows ? { batchRows: options.batchRows } : {}),
          ...(options.fresh ? { fresh: true } : {}),
          ...(options.dryRun ? { dryRun: true } : {}),
          ...(mode ? { mode } : {}),
          ...(options.allowDrift ? { allowDrift: true } : {}),
        },
        (event) => progress.onEvent(event),
      );
      const stop = (): void => worker.cancel();
      process.once('SIGINT', stop);
      const summary = await worker.finished;
      process.off('SIGINT', stop);
      progress.finish();
      const tables = summary.tables.map(({ source, target, read, written, rejected, filtered, seconds }) => ({
        source,
        target,
        read,
        written,
        rejected,
        filtered,
        seconds,
      }));
      if (options.json)
        process.stdout.write(
          `${JSON.stringify({ runId: summary.runId, status: summary.status, dryRun: options.dryRun === true, tables }, null, 2)}\n`,
        );
      else process.stdout.write(`${formatRunSummary(summary, options.dryRun === true)}\n`);
      if (summary.error) {
        if (!options.json) process.stderr.write(`tally: ${summary.error.message}\n`);
        process.exitCode = usageErrorCodes.has(summary.error.code) ? 2 : 1;
      } else if (summary.status !== 'done' || summary.tables.some((t) => t.rejected > 0)) process.exitCode = 1;
    });

  program
    .command('validate')
    .description(
      "validate a run: counts against its accounting, then segment checksums bisected down to the rows that differ, through the plan's mapping",
    )
    .argument('<plan>', 'the plan file (JSON)')
    .option('--sample <n>', 'rows per table for the side-by-side review (layer 3)', positiveInteger)
    .option('--json', 'print one JSON document; progress as JSON lines on stderr')
    .option('--report <file>', 'write the sign-off report (HTML) to this file')
    .option('--workspace <file>', 'where runs and validations are kept (default: beside the plan, .tally)')
    .option('--fresh', 'start over instead of resuming an unfinished validation')
    .action(
      async (
        planFile: string,
        options: { sample?: number; json?: boolean; report?: string; workspace?: string; fresh?: boolean },
      ) => {
        const plan = readPlanFile(planFile);
        const workspace = Workspace.open(resolve(options.workspace ?? defaultWorkspaceFor(planFile)));
        const api = createInProcessClient(createApi({ workspace, secrets: new MemorySecretStore(), host: 'cli' }));
        try {
          const finished = new Promise<ValidationEvent>((resolveEvent) => {
            api.on('validate.event', (event) => {
              if (options.json)
                process.stderr.write(
                  `${JSON.stringify(event.type === 'done' ? { type: 'done', validationId: event.validationId } : event)}\n`,
                );
              else if (event.type === 'table-done') process.stderr.write(`${formatValidatedTable(event.table)}\n`);
              if (event.type === 'done' || event.type === 'failed') resolveEvent(event);
            });
          });
          const { validationId } = await api.call('validate.start', {
            plan,
            ...(options.sample !== undefined ? { sample: options.sample } : {}),
            ...(options.fresh ? { fresh: true } : {}),
          });
          const stop = (): void => void api.call('validate.cancel', { validationId });
          process.once('SIGINT', stop);
          const end = await finished;
          process.off('SIGINT', stop);
          if (end.type === 'failed') throw TallyError.fromData(end.error);
          const result = await api.call('validate.get', { validationId });
          if (options.report)
            writeFileSync(resolve(options.report), signoffReportFor(workspace, { plan, validationId }));
          if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          else
            process.stdout.write(
              `${result.ok ? 'Validated: every table matches within tolerance.' : 'Validation found differences.'} (${validationId})${options.report ? ` Sign-off report: ${options.report}` : ''}\n`,
            );
          if (!result.ok) process.exitCode = 1;
        } finally {
          api.dispose();
          workspace.close();
        }
      },
    );

  program
    .command('rollback')
    .description(
      'return the target tables to their state before a run (drops the tables it created, restores those it emptied)',
    )
    .argument('<plan>', 'the plan file (JSON)')
    .option('--run <id>', 'the run to roll back (see tally runs)')
    .option(
      '--forget <id>',
      "drop the copies a run keeps on the target for its rollback (tally_rb_…); it can't be rolled back afterwards",
    )
    .option('--workspace <file>', 'the workspace of the runs (default: beside the plan, .tally)')
    .option('--json', 'print one JSON document')
    .action(
      async (planFile: string, options: { run?: string; forget?: string; workspace?: string; json?: boolean }) => {
        readPlanFile(planFile);
        if ((options.run === undefined) === (options.forget === undefined))
          throw new TallyError(
            'bad-input',
            'Give either --run ID (roll a run back) or --forget ID (drop its rollback copies).',
          );
        const workspacePath = resolve(options.workspace ?? defaultWorkspaceFor(planFile));
        if (!existsSync(workspacePath))
          throw new TallyError('not-found', `No run of this plan yet: ${workspacePath} does not exist.`);
        const workspace = Workspace.open(workspacePath);
        try {
          if (options.forget !== undefined) {
            const forgotten = await forgetRun({
              workspace,
              runId: options.forget,
              context: { workspace, secrets: new MemorySecretStore() },
            });
            if (options.json) process.stdout.write(`${JSON.stringify(forgotten, null, 2)}\n`);
            else
              process.stdout.write(
                `Run ${forgotten.runId} can no longer be rolled back: ${forgotten.dropped.length > 0 ? `dropped ${forgotten.dropped.join(', ')}` : 'it kept no copies'}.\n`,
              );
            return;
          }
          const result = await rollbackRun({
            workspace,
            runId: options.run ?? '',
            context: { workspace, secrets: new MemorySecretStore() },
          });
          if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          else {
            const parts = [
              ...result.dropped.map((t) => `dropped ${t}`),
              ...result.restored.map((r) => `restored ${r.table} (${r.rows.toLocaleString('en-US')} rows)`),
              ...result.emptied.map((t) => `emptied ${t} (it was empty before)`),
            ];
            process.stdout.write(`Rolled back run ${result.runId}: ${parts.join('; ') || 'nothing had changed'}.\n`);
          }
        } finally {
          workspace.close();
        }
      },
    );

  program
    .command('runs')
    .description("list the runs of a plan with each table's accounting")
    .argument('<plan>', 'the plan file (JSON)')
    .option('--workspace <file>', 'the workspace of the runs (default: beside the plan, .tally)')
    .option('--json', 'print one JSON document')
    .option('--rejects <run>', "export a run's quarantine (with --csv FILE, or to stdout)")
    .option('--csv <file>', 'where --rejects writes its CSV')
    .option(
      '--replay <run>',
      "run a run's quarantined rows through the plan file as it is now (mapping fixed): rows that load leave the quarantine",
    )
    .option('--table <id>', 'with --replay: only this table (repeatable)', collect, [])
    .action(
      async (
        planFile: string,
        options: {
          workspace?: string;
          json?: boolean;
          rejects?: string;
          csv?: string;
          replay?: string;
          table: string[];
        },
      ) => {
        const plan = readPlanFile(planFile);
        const workspacePath = resolve(options.workspace ?? defaultWorkspaceFor(planFile));
        if (!existsSync(workspacePath))
          throw new TallyError('not-found', `No run of this plan yet: ${workspacePath} does not exist.`);
        const workspace = Workspace.open(workspacePath);
        try {
          if (options.replay !== undefined) {
            const runId = workspace.runs.getRun(options.replay).id;
            const withRejects = workspace.runs
              .tables(runId)
              .filter((t) => t.rejected > 0)
              .map((t) => t.tableId);
            for (const table of options.table)
              if (!plan.tables.some((t) => t.id === table))
                throw new TallyError(
                  'bad-input',
                  `The plan has no table "${table}"; its tables are ${plan.tables.map((t) => t.id).join(', ')}.`,
                );
            const tables = options.table.length > 0 ? options.table : withRejects;
            const context = { workspace, secrets: new MemorySecretStore() };
            const results = [];
            for (const tableId of tables)
              results.push(await replayRejects({ workspace, runId, tableId, plan, context }));
            if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
            else if (results.length === 0)
              process.stdout.write(`Run ${runId} quarantined no rows: nothing to replay.\n`);
            else
              for (const r of results)
                process.stdout.write(
                  `${r.tableId}: ${r.replayed.toLocaleString('en-US')} replayed, ${r.loaded.toLocaleString('en-US')} loaded, ${r.stillRejected.toLocaleString('en-US')} still rejected${r.reasons[0] ? ` (${r.reasons[0]})` : ''}.\n`,
                );
            if (results.some((r) => r.stillRejected > 0)) process.exitCode = 1;
            return;
          }
          if (options.rejects !== undefined) {
            workspace.runs.getRun(options.rejects);
            if (options.csv) {
              writeFileSync(options.csv, '');
              for (const chunk of rejectsCsv(workspace.runs, options.rejects)) appendFileSync(options.csv, chunk);
              process.stdout.write(
                `Wrote ${workspace.runs.rejectCount(options.rejects).toLocaleString('en-US')} rejects of run ${options.rejects} to ${options.csv}.\n`,
              );
            } else for (const chunk of rejectsCsv(workspace.runs, options.rejects)) process.stdout.write(chunk);
            return;
          }
          const runs = workspace.runs.listRuns().map((run) => ({
            runId: run.id,
            mode: run.mode,
            dryRun: run.dryRun,
            status: run.status,
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
            message: run.message,
            tables: workspace.runs.tables(run.id).map((t) => ({
              table: t.tableId,
              status: t.status,
              read: t.read,
              written: t.written,
              rejected: t.rejected,
              filtered: t.filtered,
            })),
          }));
          if (options.json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
          else process.stdout.write(`${formatRuns(runs)}\n`);
        } finally {
          workspace.close();
        }
      },
    );

  const audit = program.command('audit').description("the workspace's hash-chained audit trail");
  audit
    .command('verify')
    .description('check that no audit entry was edited or removed (exit 1 names the first bad entry)')
    .argument('[plan]', 'a plan file: its workspace beside it (.tally) is checked')
    .option('--workspace <file>', 'the workspace to check (default: beside the plan, or ./workspace.tally)')
    .option('--json', 'print one JSON document')
    .action((planFile: string | undefined, options: { workspace?: string; json?: boolean }) => {
      const workspacePath = resolve(
        options.workspace ?? (planFile ? defaultWorkspaceFor(planFile) : join(process.cwd(), 'workspace.tally')),
      );
      if (!existsSync(workspacePath)) throw new TallyError('not-found', `There is no workspace at ${workspacePath}.`);
      const workspace = Workspace.open(workspacePath);
      try {
        const result = workspace.audit.verify();
        if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (result.ok)
          process.stdout.write(
            `The audit trail of ${workspacePath} holds: ${result.entries} entries, each chained to the one before it${result.headHash ? ` (head ${result.headHash.slice(0, 16)}…)` : ''}.\n`,
          );
        else
          process.stderr.write(
            `tally: the audit trail is broken at entry ${result.firstBad?.seq}: ${result.firstBad?.reason}\n`,
          );
        if (!result.ok) process.exitCode = 1;
      } finally {
        workspace.close();
      }
    });

  program
    .command('serve')
    .description('serve the Tally UI and API on 127.0.0.1 (the web host)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', positiveInteger, 0)
    .option('--workspace <file>', 'the .tally project file to open')
    .option('--demo', 'open the demo database (generated on first use)')
    .option('--demo-db <file>', 'open this demo database file (generated if missing)')
    .option('--open', 'open the UI in the default browser when one is available')
    .action(async (options: { port: number; workspace?: string; demo?: boolean; demoDb?: string; open?: boolean }) => {
      const demo = defaultDemoPaths();
      const demoDatabasePath = options.demoDb ? resolve(options.demoDb) : options.demo ? demo.database : undefined;
      const workspacePath = resolve(
        options.workspace ?? (options.demo ? demo.workspace : join(process.cwd(), 'workspace.tally')),
      );
      const host = setUpHost({ host: 'web', workspacePath, ...(demoDatabasePath ? { demoDatabasePath } : {}) });
      const web = await startWebHost({
        dispatcher: host.dispatcher,
        rendererDir: rendererBuildDir(),
        port: options.port,
      });
      process.stdout.write(`Tally is running at ${web.url}\n`);
      process.stdout.write(`Workspace: ${host.workspace.path}\n`);
      if (demoDatabasePath) process.stdout.write(`Demo database: ${demoDatabasePath}\n`);
      if (options.open && !openBrowser(web.url))
        process.stdout.write('No browser to open here: open the address above.\n');
      const stop = (): void => {
        void web.close().finally(() => {
          host.close();
          process.exit(0);
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('demo')
    .description('generate the legacy e-commerce demo database (SQLite) with its planted flaws')
    .option('-o, --output <file>', 'where to write it', defaultDemoPaths().database)
    .option('--rows <n>', 'number of orders (customers, products and items scale with it)', positiveInteger, 5000)
    .option('--seed <n>', 'random seed: the same seed gives the same data', positiveInteger, 42)
    .option('--json', 'print the manifest of planted flaws as JSON')
    .action((options: { output: string; rows: number; seed: number; json?: boolean }) => {
      const manifest = generateDemoDatabase({ file: resolve(options.output), rows: options.rows, seed: options.seed });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
        return;
      }
      const counts = Object.entries(manifest.tables).map(([table, n]) => `${table} ${n.toLocaleString('en-US')}`);
      process.stdout.write(`Wrote ${manifest.file}: ${counts.join(', ')}.\n`);
    });

  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command that found a problem (rejects, a failed run) sets the status itself.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0;
      return 2; // commander has already printed its one-line complaint
    }
    if (error instanceof TallyError) {
      process.stderr.write(`tally: ${redactSecrets(error.message)}\n`);
      return usageErrorCodes.has(error.code) ? 2 : 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tally: ${redactSecrets(message)}\n`);
    return 1;
  }
}
