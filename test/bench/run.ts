/**
 * `npm run bench [-- suite...]`: the project's own measurements. Suites: xsd, pipeline, rules
 * (when the EN 16931 engine is present), e2e (only when named; see e2e-bench.ts for its flags),
 * console (only when named; see console-bench.ts). Default: all but e2e and console. Runs: BENCH_RUNS (default 3).
 */
import { runConsoleBench } from './console-bench.js';
import { e2eOptionsOf, runE2eBench } from './e2e-bench.js';
import { runPipelineBench } from './pipeline-bench.js';
import { runRolesBench } from './roles-bench.js';
import { runXsdBench } from './xsd-bench.js';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const args = process.argv.slice(2);
const wanted = args.filter((arg) => !arg.startsWith('--'));
const isWanted = (suite: string) => wanted.length === 0 || wanted.includes(suite);

console.log(`passerelle bench — node ${process.version}, ${new Date().toISOString()}`);
if (isWanted('xsd')) runXsdBench(20);
if (isWanted('rules')) {
  try {
    // Resolved at run time: the rules engine's bench ships with the engine.
    const rulesModule = './rules-bench.js';
    const rules = (await import(rulesModule)) as { runRulesBench?: () => Promise<void> };
    if (rules.runRulesBench) await rules.runRulesBench();
  } catch (error) {
    console.log(`rules: not available (${(error as Error).message})`);
  }
}
if (isWanted('pipeline')) await runPipelineBench(runs);
// Long (minutes): run only when named.
if (wanted.includes('e2e')) {
  const options = e2eOptionsOf(args);
  await runE2eBench(options);
  if (options.scenarios.includes('roles')) await runRolesBench(options);
}
// Seeds a million flows the first time (minutes; kept after): run only when named.
if (wanted.includes('console')) await runConsoleBench(Number(process.env.BENCH_RUNS ?? 5));
