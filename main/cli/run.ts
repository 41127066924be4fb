// Dispatch for the cxw command: text by default, one JSON object with --json, and a non-zero exit with a clear
// message (file, line, column) on bad input. Exit codes: 0 ok, 1 bad input or failed work, 2 usage.
import { AppError, formatErrorLocation, serializeError } from '../../shared/errors';
import { UsageError } from './args';
import { escapeControls } from './format';
import { auditCommand } from './commands/audit';
import { predictCommand } from './commands/predict';
import { EXPORT_SQL_USAGE } from './commands/export-sql';
import { driversCommand } from './commands/drivers';
import { importCommand } from './commands/import';
import { journeyCommand } from './commands/journey';
import { npsCommand } from './commands/nps';
import { assignmentsCommand } from './commands/assignments';
import { exportCommand } from './commands/export';
import { profileCommand } from './commands/profile';
import { rfmCommand } from './commands/rfm';
import { scoreCommand } from './commands/score';
import { segmentCommand } from './commands/segment';
import { serveCommand } from './commands/serve';
import { activityCommand, rerunCommand, resultsCommand } from './commands/results';
import { keyCommand } from './commands/key';
import { deckCommand } from './commands/deck';
import { reportCommand } from './commands/report';
import { driftCommand } from './commands/drift';
import { experimentCommand } from './commands/experiment';
import { cohortsCommand } from './commands/cohorts';

export interface CommandOutput<T> {
  json: T;
  text: string;
}

const USAGE = `cxw — CX Workbench on the command line

  cxw import FILE --workspace W [--name N] [--delimiter , ; tab |] [--pii COL=drop|pseudonymize|keep ...]
                  [--type COL=integer|real|boolean|date|datetime|text ...] [--role COL=ROLE ...] [--skip-bad-rows]
                  [--encoding utf-8|windows-1252]   (detected from the whole file when not given)
  cxw profile --workspace W --dataset N
  cxw segment --workspace W --dataset N --features a,b,c [--k K | --k auto] [--k-range 2-10] [--seed S] [--name SEG]
              [--restarts N] [--log a,b] [--missing impute|exclude] [--category-weight W] [--no-standardize]
              a name with a comma is quoted: --features '"spend, monthly",visits'; #3 is the dataset's 3rd column
  cxw assignments --workspace W --segmentation SEG --out FILE.csv [--force]    id,segment (number 1..k),confidence
              an existing FILE is replaced only with --force; a workspace never
  cxw export --workspace W --dataset N --out FILE.csv [--force]      any dataset (imported, RFM, scores) as CSV
              header = the dataset's columns; personal and pseudonymised columns are left out (listed with why);
              missing = empty; numbers exact; yes/no as the file's labels; text starting with = + - @ gets a '
  cxw score --workspace W --segmentation SEG --dataset N [--name NEW]     score new data into saved segments
  cxw rfm --workspace W --dataset N --customer C --date D --amount A [--as-of YYYY-MM-DD] [--name NEW]
  cxw journey --workspace W --dataset N --customer COL --time COL --step COL [--channel COL] [--satisfaction COL]
              [--nps COL] [--segmentation SEG] [--stages "Browse=home,search;Buy=cart,checkout"] [--precision exact|day]
              [--segments 0,2] [--channels app,web] [--compare segment|channel] [--variants [N]] [--timing]
              [--off-funnel "Support contact,Other"]   side steps: kept everywhere, left out of the funnel
              funnel, stages, steps, transitions and pain points of an event log (--segments: 0-based indices)
  cxw drivers --workspace W --dataset N --target COL --drivers a,b,c [--model auto|linear|logistic|detractor|promoter]
              [--positive V] [--missing-codes 0,99] [--bootstrap N] [--seed S] [--level 0.95] [--compare-with DATASET]
              key drivers: relative weights summing to R², shares, bootstrap intervals, importance × performance;
              --compare-with: the same spec on another wave, each weight's change with its interval (stability)
  cxw nps --workspace W --dataset N --score COL [--by COL | --segmentation SEG] [--reference G] [--level 0.95]
          [--min-n 30] [--period COL [--period-unit week|month|quarter|year]] [--map round|rescale:1-5]
          NPS with adjusted-Wald intervals, by group with tests, trend by period
  cxw nps … --context COL    |    cxw nps … --delay-events DATASET --delay-step VALUE --survey-time COL
          --events-customer COL --events-time COL --events-step COL [--delay-bins 0,1,7,30]
          measurement-bias check: each collection context (or delay since an event) against all other answers
  cxw audit --workspace W --dataset N (--decision COL [--favorable V] | --score COL --threshold T) --protected a[,b]
            [--label COL [--label-positive V]] [--intersect] [--reference [attr=]G ...] [--direction assistive|punitive]
            [--min-group 30] [--missing group|exclude] [--bins age=18,25,35,45,55,65] [--proxies a,b|none]
            [--proxy-segmentations s1,s2|none] [--population gender=Female:0.51,Male:0.49] [--alpha 0.05]
            fairness audit: per-group rates with Wilson intervals, disparities with tests, Fairlearn summary, verdicts
  cxw predict train --workspace W --dataset N --target COL --positive V --features a,b,c [--model logistic|gbdt|ensemble]
              [--folds 5] [--test COL=VALUE | --test-share 0.2] [--seed 42] [--cost 5 | --capacity 500] [--id COL]
              [--include-protected a,b] [--segmentations SEG1,SEG2] [--confirm-leak COL] [--name M]
              [--join DATASET --join-id COL --join-features a,b]  (e.g. RFM scores, matched through the ids)
              a churn/propensity model: cross-validated, calibrated, tested on untouched rows, explained; kept as M
  cxw predict train … --label-events LOG --event-customer COL --event-time COL --cutoff YYYY-MM-DD --horizon DAYS
              --positive-when no-event|event [--no-history] [--target churned] [--id COL]
              the outcome made from an event log: no event (churn) or an event in DAYS days after the cut-off;
              history features count only events up to the cut-off
  cxw predict score --workspace W --model M --dataset N [--name OUT] [--as-of YYYY-MM-DD] [--events LOG]
              scores as a new dataset: id, probability, band_low, band_high, needs_review, top_reasons
              (an event-log model counts each customer's history up to --as-of, default the log's last day)
  cxw predict explain --workspace W --model M --dataset N --id ID
              one customer: probability, band and each column's contribution (base + contributions = log-odds)
  cxw predict review --workspace W --model M --dataset N --id ID --confirm|--override --reason TEXT  (or --list)
              a person's call on one customer, kept with the reason and logged; exported scores carry it
  cxw predict audit --workspace W --model M --direction assistive|punitive
              the model's fairness in one step: its test rows scored (with outcome and protected attributes) and audited
  cxw predict card --workspace W --model M     the model card: data, features, metrics with CIs, calibration,
              fairness, reviews, intended use and limits
  cxw predict monitor --workspace W --model M --current DATASET [--reference DATASET]
              the model on a new wave: score drift (PSI, KS) and, where the outcome is known, AUC and calibration
  cxw cohorts --workspace W --dataset N --customer COL --time COL [--unit week|month] [--by COL | --segmentation SEG]
              [--value COL] [--nps COL] [--as-of YYYY-MM-DD] [--show retention|repeat|revenue|cumulative-revenue|nps]
              acquisition cohorts (first event's ISO week or calendar month, UTC) × periods since: retention, repeat
              purchase, revenue per customer (--value), NPS (--nps, 0–10); --by splits by the first event's value;
              --show picks the table printed (--json has all)
  cxw experiment --workspace W --dataset N --arm COL --outcome COL --kind binary|mean|nps [--positive V] [--control V]
              [--expected-split 50,50 | A=50,B=50] [--covariate COL] [--by COL | --segmentation SEG] [--acknowledge-srm]
              an A/B test: each arm's rate, mean or NPS with CIs, each arm against the control (Holm over several),
              the sample-ratio check (equal split unless --expected-split; p < 0.001 withholds the verdict), CUPED
  cxw experiment plan --kind binary --baseline 0.1 | --kind mean --sd SD  (--mde EFFECT | --n PER_ARM) [--alpha 0.05] [--power 0.8]
              the planning calculator: customers per arm for an effect, or the effect a sample size detects
  cxw drift --workspace W --reference DATASET --current DATASET [--columns a,b] [--nps COL [--mix COL]]
  cxw drift --workspace W --dataset N --period COL --reference-range A..B --current-range C..D [...the same]
              [--small-wave-rows 1000] [--alpha 0.05] [--wasserstein 0.1] [--jensen-shannon 0.1] [--psi-moderate 0.1]
              [--psi-major 0.25] [--dataset-share 0.5] [--level 0.95]
              drift between two waves: per column KS or chi-square, normalised Wasserstein or Jensen–Shannon, PSI,
              missing and category changes, a verdict (small waves: BH-adjusted tests; large: distances); --nps the
              NPS change with CI, --mix its change at the reference wave's mix (is it opinion or channel shift?)
${EXPORT_SQL_USAGE}
  cxw results --workspace W [--kind segmentation|journey|nps|npsContext|drivers|audit|model|drift|cohorts|experiment]
              the saved results, newest first (every segment run; the others with --save NAME)
  cxw rerun --workspace W --result ID_OR_NAME
              run a saved result again on the data as it is now: "identical", or what changed
  cxw activity --workspace W [--format csv|json]    the activity log, oldest first, on standard output
  cxw deck list --workspace W              the workspace's decks (made in the Present view)
  cxw deck export --workspace W --deck NAME --format html|pdf|pptx --out FILE [--min-cell 10] [--force]
              a deck with disclosure control: groups under --min-cell people (default the workspace's, 10; never
              below 5) suppressed so nothing is recoverable; PDF needs Chromium (CHROMIUM_PATH or /usr/bin/chromium)
  cxw report --workspace W --out FILE.html|FILE.pptx|FILE.pdf [--min-cell 10] [--force]
              a standard deck of every saved result (data quality, then each result's slides), exported the same way
  cxw serve [--workspace W] [--port N]     the app in your browser, on 127.0.0.1 only
  cxw key status|export|import --workspace W [--out FILE | FILE]
              the pseudonymisation key (kept outside the workspace): status, export --out FILE, import FILE

segment, journey, nps (also --context), drivers, audit and cohorts take --save NAME to keep the result in the workspace
(segment always keeps it; --save names it): cxw results lists them and cxw rerun runs one again.

Every command takes --json to print one JSON object instead of text.`;

/** The usage lines of one command (its entries in USAGE), or null for a command USAGE does not list. */
export function usageOf(command: string): string | null {
  const entries = USAGE.split('\n').filter((l) => l.startsWith('  ')).reduce<string[][]>((all, l) => {
    if (l.startsWith('  cxw ')) all.push([l]);
    else all.at(-1)?.push(l);
    return all;
  }, []);
  const mine = entries.filter((e) => e[0].startsWith(`  cxw ${command} `) || e[0] === `  cxw ${command}`);
  return mine.length ? mine.map((e) => e.join('\n')).join('\n') : null;
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  // `cxw CMD --help` prints that command's usage (a user's first guess; parseArgs would call it unknown).
  if (command && (rest.includes('--help') || rest.includes('-h'))) {
    const usage = usageOf(command);
    if (usage) {
      process.stdout.write(`${usage}\n\nEvery command takes --json to print one JSON object instead of text.\n`);
      return 0;
    }
  }
  const interactive = !json && process.stderr.isTTY;
  // CXW_PROGRESS=lines prints one progress line per update even without a terminal (scripts, crash tests).
  const lines = process.env.CXW_PROGRESS === 'lines';
  const progress = (line: string) => {
    if (lines) process.stderr.write(`progress ${line}\n`);
    else if (interactive) process.stderr.write(`\r${line.padEnd(40)}`);
  };
  try {
    let out: CommandOutput<unknown>;
    switch (command) {
      case 'import':
        out = await importCommand(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'profile':
        out = await profileCommand(rest);
        break;
      case 'segment':
        out = await segmentCommand(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'nps':
        out = await npsCommand(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'journey':
        out = await journeyCommand(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'drivers':
        out = await driversCommand(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'audit':
        out = await auditCommand(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'predict':
        out = await predictCommand(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'cohorts':
        out = await cohortsCommand(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'experiment':
        out = await experimentCommand(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'assignments':
        out = await assignmentsCommand(rest);
        break;
      case 'export':
        out = await exportCommand(rest);
        break;
      case 'results':
        out = await resultsCommand(rest);
        break;
      case 'rerun':
        out = await rerunCommand(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'activity':
        out = await activityCommand(rest);
        break;
      case 'deck':
        out = await deckCommand(rest);
        break;
      case 'drift':
        out = await driftCommand(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'report':
        out = await reportCommand(rest);
        break;
      case 'key':
        out = keyCommand(rest);
        break;
      case 'score':
      case 'rfm':
        out = await (command === 'score' ? scoreCommand : rfmCommand)(rest, progress);
        if (interactive) process.stderr.write('\r'.padEnd(42) + '\r');
        break;
      case 'serve': {
        const host = await serveCommand(rest);
        if (json) process.stdout.write(`${JSON.stringify({ url: host.url, port: host.port })}\n`);
        else process.stdout.write(`CX Workbench is running at ${host.url}\nOpen that URL in your browser (it only listens on this computer). Press Ctrl+C to stop.\n`);
        return -1; // keep running
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}".\n\n${USAGE}`);
    }
    process.stdout.write(json ? `${JSON.stringify(out.json)}\n` : `${escapeControls(out.text)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'BAD_ARGUMENTS', message: err.message } })}\n`);
      process.stderr.write(`cxw: ${escapeControls(err.message)}\n`);
      return 2;
    }
    const wire = serializeError(err);
    const where = formatErrorLocation(wire.details);
    if (json) process.stdout.write(`${JSON.stringify({ error: wire })}\n`);
    process.stderr.write(escapeControls(`cxw: error: ${where ? `${where}: ` : ''}${wire.message}`) + '\n');
    if (!(err instanceof AppError) && err instanceof Error && process.env.CXW_DEBUG) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
