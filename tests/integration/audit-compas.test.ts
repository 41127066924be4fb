// ProPublica's COMPAS audit ("How We Analyzed the COMPAS Recidivism Algorithm", Larson, Mattu, Kirchner & Angwin,
// 2016), reproduced with `cxw audit` when the data is on this machine. The file is not in ../shared/data and could
// not be had offline here, so this test runs only when it is present — at ../shared/data/compas/
// compas-scores-two-years.csv, or wherever CXW_COMPAS_CSV points — and skips with a message otherwise.
//
// The published figures: a defendant is "high risk" when COMPAS's score_text is Medium or High (decile_score ≥ 5),
// the outcome is two_year_recid, over all 7,214 defendants of compas-scores-two-years.csv (not the 6,172 rows
// ProPublica kept for its logistic model; Dressel & Farid 2018, Table 2, report the same rates on "7214
// defendants"). Punitive decision, so a false positive is a defendant labelled high risk who did not reoffend:
//   Black (race "African-American"): FPR 44.85%, FNR 27.99%;  White ("Caucasian"): FPR 23.45%, FNR 47.72%.
// Two checks: every group's n, FPR and FNR equal a recount from the raw file, and the two published groups
// round to the published percentages.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditJson } from '../../main/cli/commands/audit-json';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';
import { DATA } from '../unit/import/helpers';
import { csvRecords } from '../unit/nps/csv';

const COMPAS = process.env.CXW_COMPAS_CSV ?? join(DATA, 'compas', 'compas-scores-two-years.csv');
const HERE = existsSync(COMPAS);
if (!BUILT) console.warn(NOT_BUILT_MESSAGE);
if (!HERE) {
  console.warn(
    `The ProPublica COMPAS file is not on this machine (looked for ${COMPAS}): the published-figures audit test is skipped. ` +
      'Put compas-scores-two-years.csv from github.com/propublica/compas-analysis there, or set CXW_COMPAS_CSV, to run it.',
  );
}

/** ProPublica's published rates, in percent to two decimals. */
const PUBLISHED = {
  'African-American': { fpr: 44.85, fnr: 27.99 },
  Caucasian: { fpr: 23.45, fnr: 47.72 },
} as const;

describe.skipIf(!BUILT || !HERE)('cxw audit reproduces ProPublica’s COMPAS false positive and false negative rates', () => {
  let dir: string;
  let ws: string;
  let audit: AuditJson;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-compas-'));
    ws = join(dir, 'ws.cxw');
    const imported = cxw(['import', COMPAS, '--workspace', ws, '--name', 'compas'], env());
    expect(imported.status, imported.stderr).toBe(0);
    audit = cxwJson<AuditJson>(
      ['audit', '--workspace', ws, '--dataset', 'compas', '--score', 'decile_score', '--threshold', '5', '--direction', 'punitive', '--label', 'two_year_recid', '--protected', 'race', '--proxies', 'none'],
      env(),
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every race group’s n, FPR and FNR equal a recount from the raw file', () => {
    const people = csvRecords(readFileSync(COMPAS, 'utf8'));
    expect(audit.rows).toBe(people.length);
    const groups = audit.groups.filter((g) => g.attribute === 'race');
    expect(groups.map((g) => g.group).sort()).toEqual([...new Set(people.map((p) => p.race))].sort());
    for (const g of groups) {
      const members = people.filter((p) => p.race === g.group);
      const high = (p: Record<string, string>) => Number(p.decile_score) >= 5;
      const reoffended = members.filter((p) => p.two_year_recid === '1');
      const didNot = members.filter((p) => p.two_year_recid === '0');
      expect({ group: g.group, n: g.n, fpr: g.fpr, fnr: g.fnr }).toEqual({
        group: g.group,
        n: members.length,
        fpr: didNot.filter(high).length / didNot.length,
        fnr: reoffended.filter((p) => !high(p)).length / reoffended.length,
      });
    }
  });

  it('Black and White defendants’ rates round to the published 44.85% / 27.99% and 23.45% / 47.72%', () => {
    expect(audit.rows).toBe(7214);
    for (const [race, published] of Object.entries(PUBLISHED)) {
      const g = audit.groups.find((x) => x.attribute === 'race' && x.group === race)!;
      expect({ race, fpr: Number((g.fpr! * 100).toFixed(2)), fnr: Number((g.fnr! * 100).toFixed(2)) }).toEqual({ race, ...published });
    }
    // The punitive reading puts false positive parity first, and Black defendants' FPR is about twice White's.
    const fpr = audit.disparities.find((d) => d.attribute === 'race' && d.group === 'Caucasian' && d.metric === 'fpr')!;
    expect(fpr).toMatchObject({ reference: 'African-American', flag: true });
  });
});
