// cxw predict train --workspace W --dataset N --target COL --positive V --features a,b,c [--model logistic|gbdt|ensemble]
//   [--folds 5] [--test COL=VALUE | --test-share 0.2] [--seed S] [--cost 5 | --capacity 500] [--id COL]
//   [--include-protected a,b] [--segmentations SEG1,SEG2] [--confirm-leak COL ...] [--name M] [--json]
//   [--join DATASET --join-id COL --join-features a,b]   (columns of another one-row-per-customer dataset, e.g. RFM)
// cxw predict train … --label-events LOG --event-customer COL --event-time COL --cutoff YYYY-MM-DD --horizon DAYS
//   --positive-when no-event|event [--no-history] [--target NAME]   (the outcome made from an event log)
// cxw predict score --workspace W --model M --dataset N [--name OUT] [--as-of YYYY-MM-DD] [--events LOG] [--json]
// cxw predict explain --workspace W --model M --dataset N --id ID [--json]
// cxw predict review --workspace W --model M --dataset N --id ID --confirm|--override --reason TEXT [--json]
// cxw predict review --workspace W --model M --list [--json]
// cxw predict audit --workspace W --model M --direction assistive|punitive [--json]
// cxw predict card --workspace W --model M [--json]
// cxw predict monitor --workspace W --model M --current DATASET [--reference DATASET] [--json]   (./predict-monitor.ts)
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { PredictModelKind, PredictSpec } from '../../../shared/predict';
import { EVENT_LABEL_POSITIVE, PREDICT_MODELS } from '../../../shared/predict';
import { EVENT_LABEL_OPTIONS, eventLabelOf } from './predict-label';
import { assertKnown, requireWorkspace, UsageError, commaList as list, numberFlag as number } from '../args';
import type { CommandOutput } from '../run';
import { cliJobId, withServices } from '../with-services';
import { trainJson } from './predict-json';
import { formatExplanation, formatScore, formatTrain } from './predict-text';
import { auditJson } from './audit-json';
import { exportSqlCommand, type SavedModelForSql } from './export-sql';
import { modelRef } from '../../workspace/predict/apply';
import { getSummary } from '../../workspace/results/store';
import type { Db } from '../../workspace/db';
import { formatAudit } from './audit-text';
import { monitorCommand } from './predict-monitor';



function required(v: string | undefined, flag: string, hint: string): string {
  if (v === undefined || v.trim() === '') throw new UsageError(`--${flag} is required: ${hint}`);
  return v.trim();
}

export async function predictCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<unknown>> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'train':
      return train(rest, progress);
    case 'score':
      return score(rest, progress);
    case 'explain':
      return explain(rest);
    case 'review':
      return review(rest);
    case 'audit':
      return audit(rest, progress);
    case 'card':
      return card(rest);
    case 'monitor':
      return monitorCommand(rest, progress);
    case 'export-sql':
      return exportSqlCommand(rest, { readModel: sqlModel });
    default:
      throw new UsageError(`cxw predict needs a subcommand: train, score, explain, review, audit, card, monitor or export-sql${sub ? ` (got "${sub}")` : ''}.`);
  }
}

async function train(argv: string[], progress: (line: string) => void): Promise<CommandOutput<unknown>> {
  const { values } = parseCli({
    args: argv,
    options: {
      workspace: { type: 'string' },
      dataset: { type: 'string' },
      target: { type: 'string' },
      positive: { type: 'string' },
      features: { type: 'string' },
      model: { type: 'string' },
      folds: { type: 'string' },
      test: { type: 'string' },
      'test-share': { type: 'string' },
      seed: { type: 'string' },
      cost: { type: 'string' },
      capacity: { type: 'string' },
      id: { type: 'string' },
      'include-protected': { type: 'string' },
      segmentations: { type: 'string' },
      join: { type: 'string' },
      'join-id': { type: 'string' },
      'join-features': { type: 'string' },
      'confirm-leak': { type: 'string', multiple: true },
      name: { type: 'string' },
      json: { type: 'boolean' },
      ...EVENT_LABEL_OPTIONS,
    },
  });
  const workspace = requireWorkspace(values.workspace);
  const dataset = required(values.dataset, 'dataset', 'the dataset to learn from.');
  const label = eventLabelOf(values);
  const target = label ? (values.target?.trim() || (label.positiveWhen === 'no-event' ? 'churned' : 'returned')) : required(values.target, 'target', 'the two-valued outcome to predict (e.g. churned).');
  // Never guessed: read backwards, a churn model would rank the loyal customers as the riskiest.
  const positive = label
    ? (values.positive ?? EVENT_LABEL_POSITIVE)
    : required(values.positive, 'positive', `the value of --target that counts as the outcome to predict (e.g. --positive Yes); it is never guessed.`);
  const features = list(values.features);
  if (features.length === 0) throw new UsageError('--features a,b,c is required: the columns the model may use.');
  const model = values.model === undefined ? undefined : (assertKnown(values.model, PREDICT_MODELS, '--model') as PredictModelKind);
  if (values.test !== undefined && values['test-share'] !== undefined) throw new UsageError('Give --test COL=VALUE or --test-share S, not both.');
  let test: PredictSpec['test'];
  if (values.test !== undefined) {
    const at = values.test.indexOf('=');
    if (at <= 0) throw new UsageError(`--test must be COL=VALUE (e.g. --test month=2024-06), got "${values.test}".`);
    test = { column: values.test.slice(0, at).trim(), value: values.test.slice(at + 1) };
  }
  const share = number(values['test-share'], 'test-share', (v) => v > 0 && v < 1, 'a share between 0 and 1 (e.g. 0.2)');
  if (share !== undefined) test = { share };
  if (values.cost !== undefined && values.capacity !== undefined) throw new UsageError('Give --cost or --capacity, not both.');
  const cost = number(values.cost, 'cost', (v) => v > 0, 'a positive number (a missed positive costs this many unneeded actions)');
  const capacity = number(values.capacity, 'capacity', (v) => Number.isInteger(v) && v >= 1, 'a whole number of customers');
  const spec: PredictSpec = {
    dataset,
    target,
    positive,
    features,
    ...(values.id !== undefined ? { id: values.id } : {}),
    ...(label ? { label } : {}),
    ...(model ? { model } : {}),
    ...(values.folds !== undefined ? { folds: number(values.folds, 'folds', (v) => Number.isInteger(v) && v >= 1 && v <= 10, 'a whole number from 1 to 10') } : {}),
    ...(test ? { test } : {}),
    ...(values.seed !== undefined ? { seed: number(values.seed, 'seed', (v) => Number.isInteger(v) && v >= 0 && v <= 4294967295, 'a whole number from 0 to 4294967295') } : {}),
    ...(cost !== undefined ? { threshold: { rule: 'cost' as const, missedPositiveCost: cost } } : {}),
    ...(capacity !== undefined ? { threshold: { rule: 'capacity' as const, capacity } } : {}),
    ...(values['include-protected'] !== undefined ? { includeProtected: list(values['include-protected']) } : {}),
    ...(values.segmentations !== undefined ? { segmentations: list(values.segmentations) } : {}),
    ...joinOf(values),
    ...(values['confirm-leak'] ? { confirmedLeaks: values['confirm-leak'].flatMap(list) } : {}),
  };
  // A model is kept in the workspace (scoring and explaining need it): under --name, or a name made from the spec.
  const args = parseContract('predict.train', { jobId: cliJobId(), spec, save: values.name !== undefined ? { name: values.name } : {} });
  const result = await withServices(workspace, progress, (h) => Promise.resolve(h['predict.train'](args)));
  const { saved, ...plain } = result;
  const name = saved?.name ?? null;
  return { json: { ...trainJson(plain, name), saved }, text: formatTrain(plain, name) };
}

/** --join DATASET --join-id COL --join-features a,b: one other dataset's columns, matched through the ids. */
function joinOf(values: { join?: string; 'join-id'?: string; 'join-features'?: string }): Pick<PredictSpec, 'joined'> {
  if (values.join === undefined) {
    if (values['join-id'] !== undefined || values['join-features'] !== undefined) throw new UsageError('--join-id and --join-features belong to --join DATASET (give it too).');
    return {};
  }
  const id = required(values['join-id'], 'join-id', `the column of “${values.join}” with the customer ids.`);
  const columns = list(values['join-features']);
  if (columns.length === 0) throw new UsageError(`--join-features a,b is required with --join: the columns of “${values.join}” the model may use.`);
  return { joined: [{ dataset: values.join.trim(), id, columns }] };
}

async function score(argv: string[], progress: (line: string) => void): Promise<CommandOutput<unknown>> {
  const { values } = parseCli({
    args: argv,
    options: {
      workspace: { type: 'string' },
      model: { type: 'string' },
      dataset: { type: 'string' },
      name: { type: 'string' },
      'as-of': { type: 'string' },
      events: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const workspace = requireWorkspace(values.workspace);
  const args = parseContract('predict.score', {
    jobId: cliJobId(),
    model: required(values.model, 'model', 'the saved model (cxw results --kind model lists them).'),
    dataset: required(values.dataset, 'dataset', 'the dataset to score.'),
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values['as-of'] !== undefined ? { asOf: values['as-of'] } : {}),
    ...(values.events !== undefined ? { events: values.events } : {}),
  });
  const out = await withServices(workspace, progress, (h) => Promise.resolve(h['predict.score'](args)));
  return { json: { ...out, dataset: out.dataset.name, columns: out.dataset.columns.map((c) => c.name) }, text: formatScore(out) };
}

async function explain(argv: string[]): Promise<CommandOutput<unknown>> {
  const { values } = parseCli({
    args: argv,
    options: { workspace: { type: 'string' }, model: { type: 'string' }, dataset: { type: 'string' }, id: { type: 'string' }, json: { type: 'boolean' } },
  });
  const workspace = requireWorkspace(values.workspace);
  const args = parseContract('predict.explain', {
    model: required(values.model, 'model', 'the saved model.'),
    dataset: required(values.dataset, 'dataset', 'the dataset the customer is in.'),
    id: required(values.id, 'id', "the customer's id."),
  });
  const out = await withServices(workspace, () => undefined, (h) => Promise.resolve(h['predict.explain'](args)));
  if (!out) throw new AppError('INTERNAL', 'no explanation');
  return { json: out, text: formatExplanation(out) };
}

async function review(argv: string[]): Promise<CommandOutput<unknown>> {
  const { values } = parseCli({
    args: argv,
    options: {
      workspace: { type: 'string' },
      model: { type: 'string' },
      dataset: { type: 'string' },
      id: { type: 'string' },
      confirm: { type: 'boolean' },
      override: { type: 'boolean' },
      reason: { type: 'string' },
      list: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const workspace = requireWorkspace(values.workspace);
  const model = required(values.model, 'model', 'the saved model.');
  if (values.list) {
    const all = await withServices(workspace, () => undefined, (h) => Promise.resolve(h['predict.reviews'](parseContract('predict.reviews', { model }))));
    const text = all.length
      ? all.map((r) => `${r.at}  ${r.id}  ${r.decision === 'confirm' ? 'confirmed' : 'overrode'} (${Math.round(r.probability * 100)}%) → ${r.flagged ? 'flagged' : 'not flagged'}  by ${r.reviewer}: ${r.reason}`).join('\n')
      : `No reviews of “${model}” yet.`;
    return { json: { model, reviews: all }, text };
  }
  if (values.confirm === values.override) throw new UsageError('Say --confirm (the model is right about this customer) or --override (it is not), with --reason.');
  const args = parseContract('predict.review', {
    model,
    dataset: required(values.dataset, 'dataset', 'the dataset the customer is in.'),
    id: required(values.id, 'id', "the customer's id."),
    decision: values.confirm ? 'confirm' : 'override',
    reason: required(values.reason, 'reason', 'why (a review without a reason cannot be checked later).'),
  });
  const r = await withServices(workspace, () => undefined, (h) => Promise.resolve(h['predict.review'](args)));
  return { json: r, text: `${r.decision === 'confirm' ? 'Confirmed' : 'Overrode'} “${r.model}” on ${r.id} (${Math.round(r.probability * 100)}%): ${r.flagged ? 'flagged' : 'not flagged'}, by ${r.reviewer}.` };
}

async function audit(argv: string[], progress: (line: string) => void): Promise<CommandOutput<unknown>> {
  const { values } = parseCli({ args: argv, options: { workspace: { type: 'string' }, model: { type: 'string' }, direction: { type: 'string' }, json: { type: 'boolean' } } });
  const workspace = requireWorkspace(values.workspace);
  const model = required(values.model, 'model', 'the saved model.');
  // What being flagged does to a customer decides which error rates matter; it is never assumed.
  const direction = assertKnown(required(values.direction, 'direction', 'assistive (being flagged brings a benefit, e.g. a retention offer) or punitive (a sanction).'), ['assistive', 'punitive'] as const, '--direction');
  const out = await withServices(workspace, progress, (h) => Promise.resolve(h['predict.audit'](parseContract('predict.audit', { jobId: cliJobId(), model, direction }))));
  const { saved, ...plain } = out.audit;
  return {
    json: { scores: out.scores.name, scoredRows: out.scores.rows, ...auditJson(plain), saved },
    text: `The test rows of “${model}” were scored into “${out.scores.name}” and audited (saved as “${saved?.name}”):\n\n${formatAudit(plain)}`,
  };
}

async function card(argv: string[]): Promise<CommandOutput<unknown>> {
  const { values } = parseCli({ args: argv, options: { workspace: { type: 'string' }, model: { type: 'string' }, json: { type: 'boolean' } } });
  const workspace = requireWorkspace(values.workspace);
  const model = required(values.model, 'model', 'the saved model.');
  const c = await withServices(workspace, () => undefined, (h) => Promise.resolve(h['predict.card'](parseContract('predict.card', { model }))));
  const text = [`Model card: ${c.model}`, ...c.sections.flatMap((s) => ['', s.title, ...s.items.map((i) => `  ${i.label}: ${i.value}`)])].join('\n');
  return { json: c, text };
}

/**
 * The frozen model of a saved model, for the SQL export (which opens the workspace itself). A model with segment
 * membership inputs reads them from columns named "segment: NAME" of the customer table (the README says how to
 * make one with the segmentation's own export).
 */
function sqlModel(db: Db, name: string): SavedModelForSql {
  const m = modelRef(db, name);
  return { model: m.result.frozen, name: m.name, createdAt: getSummary(db, m.id).createdAt };
}
