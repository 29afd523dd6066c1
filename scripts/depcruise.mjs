// `npm run lint` runs the import rules of .dependency-cruiser.cjs through dependency-cruiser's API: its
// `depcruise` bin refuses Node 20 (it checks for ^22), while the API runs fine on the Node tokenkit supports.
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';

const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs');
const result = await cruise(['src', 'firmware-sim', 'tests', 'bench'], {
  ...config.options,
  validate: true,
  ruleSet: { forbidden: config.forbidden },
});
const { summary } = result.output;
for (const v of summary.violations) {
  const to = v.cycle ? v.cycle.map((c) => c.name ?? c).join(' -> ') : v.to;
  process.stderr.write(`${v.rule.severity} ${v.rule.name}: ${v.from} -> ${to}\n`);
}
process.stderr.write(
  `depcruise: ${summary.totalCruised} modules, ${summary.totalDependenciesCruised} dependencies, ${summary.error} errors, ${summary.warn} warnings\n`,
);
process.exitCode = summary.error > 0 ? 1 : 0;
