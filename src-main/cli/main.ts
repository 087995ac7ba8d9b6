/**
 * The `tally` command line. It calls the same API as the UI, in-process. Exit status: 0 success,
 * 1 the work found a problem, 2 bad usage or bad input. Errors are one sentence on stderr.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { TallyError, redactSecrets, usageErrorCodes } from '../../src-shared/errors';
import { createInProcessClient } from '../api/in-process';
import { setUpHost } from '../api/host-setup';
import { defaultDemoPaths, rendererBuildDir } from '../app-paths';
import { generateDemoDatabase } from '../demo/generate';
import { startWebHost } from '../server/web-host';
import { tallyVersion } from '../version';
import { canonicalPlanJson } from '../api/plan-api';
import { formatSchema, summarizePlan } from './format';

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
    return 0;
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
