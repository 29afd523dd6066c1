/**
 * `npm run bench`: every benchmark in bench/, side by side, in one run.
 *   npm run bench                 all, tables
 *   npm run bench -- --json       all, one JSON document
 *   npm run bench -- otp codec    only these
 *   npm run bench -- --quick      fewer iterations (a smoke run)
 */
const SUITES = ['otp', 'codec', 'device', 'speech', 'terminal', 'store', 'firmware'] as const;

interface BenchModule {
  run(opts: { json: boolean; quick: boolean }): Promise<unknown>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const quick = args.includes('--quick');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((w) => !(SUITES as readonly string[]).includes(w));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown suite ${unknown.join(', ')}; choose from ${SUITES.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const results: Record<string, unknown> = {};
  for (const name of wanted.length > 0 ? wanted : SUITES) {
    let mod: BenchModule;
    try {
      mod = (await import(`./${name}.ts`)) as BenchModule;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && wanted.length === 0) continue;
      throw error;
    }
    if (!json) process.stdout.write(`\n== ${name} ==\n`);
    results[name] = await mod.run({ json, quick });
  }
  if (json)
    process.stdout.write(
      `${JSON.stringify({ node: process.version, cpus: (await import('node:os')).cpus().length, results }, null, 2)}\n`,
    );
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
