// `--save`, `cxw results` and `cxw rerun` through the BUILT command, on the demo's two CSVs (generateDemoCsvs, seed 42,
// imported here with `cxw import`): each kind's saved result is listed with the SPEC's keys, and `cxw rerun --json`
// answers identical: true with an `output` equal to what the kind's own command printed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RerunOutcome, SavedResultSummary } from '../../shared/results';
import { generateDemoCsvs } from '../../main/workspace/demo-data';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

let dir: string;
let ws: string;
const printed = new Map<string, unknown>();

const without = (o: unknown, key: string) => {
  const { [key]: _dropped, ...rest } = o as Record<string, unknown>;
  return rest;
};

const KINDS: [string, string[]][] = [
  ['segmentation', ['segment', '--dataset', 'customers', '--features', 'age,monthly_spend,orders_12m', '--k', '3', '--save', 'Segments']],
  ['journey', ['journey', '--dataset', 'events', '--customer', 'customer_id', '--time', 'timestamp', '--step', 'step', '--save', 'Journeys']],
  ['nps', ['nps', '--dataset', 'customers', '--score', 'nps_score', '--by', 'region', '--save', 'NPS by region']],
  ['npsContext', ['nps', '--dataset', 'customers', '--score', 'nps_score', '--context', 'nps_context', '--save', 'Context check']],
  ['drivers', ['drivers', '--dataset', 'customers', '--target', 'nps_score', '--drivers', 'satisfaction_delivery,satisfaction_price,satisfaction_support', '--bootstrap', '30', '--save', 'Drivers']],
  ['audit', ['audit', '--dataset', 'customers', '--decision', 'offer_approved', '--protected', 'gender', '--save', 'Offer audit']],
];

beforeAll(() => {
  if (!BUILT) return;
  dir = mkdtempSync(join(tmpdir(), 'cxw-results-cli-'));
  ws = join(dir, 'w.cxw');
  const csvs = generateDemoCsvs(42);
  writeFileSync(join(dir, 'customers.csv'), csvs.customers);
  writeFileSync(join(dir, 'events.csv'), csvs.events);
  cxwJson(['import', join(dir, 'customers.csv'), '--workspace', ws, '--name', 'customers']);
  cxwJson(['import', join(dir, 'events.csv'), '--workspace', ws, '--name', 'events']);
  for (const [kind, args] of KINDS) printed.set(kind, cxwJson([...args, '--workspace', ws]));
}, 240_000);

afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!BUILT)('cxw results and cxw rerun', () => {
  it('--save keeps each kind, and its JSON says under which id and name', () => {
    for (const [kind, args] of KINDS) {
      const saved = (printed.get(kind) as { saved?: { name: string; kind: string } }).saved;
      expect(saved, kind).toMatchObject({ name: args.at(-1), kind });
    }
  });

  it('cxw results lists them with id, name, kind, dataset, createdAt and spec; --kind filters', () => {
    const { results } = cxwJson<{ results: SavedResultSummary[] }>(['results', '--workspace', ws]);
    expect(results.map((r) => r.kind).sort()).toEqual(KINDS.map(([k]) => k).sort());
    for (const r of results) {
      for (const key of ['id', 'name', 'kind', 'dataset', 'createdAt', 'spec']) expect(r, key).toHaveProperty(key);
    }
    // The default proxy segmentations (every one of the dataset at run time) are saved explicitly.
    expect(results.find((r) => r.kind === 'audit')!.spec).toEqual({ dataset: 'customers', decision: 'offer_approved', protected: ['gender'], proxySegmentations: ['Segments'] });
    const only = cxwJson<{ results: SavedResultSummary[] }>(['results', '--workspace', ws, '--kind', 'drivers']).results;
    expect(only.map((r) => r.name)).toEqual(['Drivers']);
  });

  it('cxw rerun answers identical: true for every kind, with the output its command printed', () => {
    for (const [kind, args] of KINDS) {
      const r = cxwJson<RerunOutcome>(['rerun', '--workspace', ws, '--result', args.at(-1)!]);
      expect(r.result).toMatchObject({ name: args.at(-1), kind });
      expect(r.identical, kind).toBe(true);
      expect(r.differences).toEqual([]);
      if (kind !== 'segmentation') expect(r.output).toEqual(without(printed.get(kind), 'saved'));
      else expect(without(without(r.output, 'segmentation'), 'saved')).toMatchObject(without(without(printed.get(kind), 'segmentation'), 'saved'));
    }
    const text = cxw(['rerun', '--workspace', ws, '--result', 'NPS by region']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Re-ran the NPS “NPS by region”: identical\./);
  });

  it('refuses an unknown result, a taken name and an empty --save', () => {
    const unknown = cxw(['rerun', '--workspace', ws, '--result', 'nope']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No saved result is named or numbered "nope"');
    const taken = cxw(['nps', '--workspace', ws, '--dataset', 'customers', '--score', 'nps_score', '--save', 'Drivers']);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('A saved result named "Drivers" already exists');
    expect(cxw(['nps', '--workspace', ws, '--dataset', 'customers', '--score', 'nps_score', '--save', ' ']).status).toBe(2);
  });

  it('cxw activity prints the log as CSV (and JSON), runs as sentences', () => {
    const csv = cxw(['activity', '--workspace', ws]);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe('id,at,what,summary,action,params');
    expect(csv.stdout).toContain('Measured the NPS of “customers” (score nps_score) by region');
    const json = cxwJson<{ entries: { action: string; summary: string }[] }>(['activity', '--workspace', ws]);
    expect(json.entries.filter((e) => e.action === 'results.rerun').length).toBeGreaterThanOrEqual(KINDS.length);
  });
});
