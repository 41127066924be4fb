// The 'audit.run' data path through the services (in-process jobs): which value is the positive prediction
// (defaults, punitive decisions, scores), binary checks on the decision and label, numeric protected attributes,
// missing protected values, the proxies (default feature/category columns, explicit ones, saved segmentations by
// row and through the id columns) and the errors that name what to do. Counts are recounted from the CSV here.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult, AuditSpec } from '../../../shared/audit';
import { runAudit } from '../../../main/workspace/audit/run';
import { harness, type Harness } from '../segment-service/helpers';

let h: Harness;
let n = 0;
const audit = (spec: Omit<AuditSpec, 'dataset'> & { dataset?: string }): Promise<AuditResult> =>
  Promise.resolve(h.services.handlers['audit.run']({ jobId: `job_audit_${n++}`, spec: { dataset: 'people', ...spec } }));

interface Person {
  id: string;
  gender: string;
  age: number;
  senior: string;
  region: string;
  spend: number;
  outcome: string;
  flagged: string;
  churned: string;
  score: number;
  when: string;
}

/** 240 people; every 40th has no gender, every 50th no outcome, every 60th no label. */
const people: Person[] = Array.from({ length: 240 }, (_, i) => ({
  id: `P${1000 + i}`,
  gender: i % 40 === 7 ? '' : ['Female', 'Male'][i % 2],
  age: 18 + ((i * 13) % 60),
  senior: 18 + ((i * 13) % 60) >= 65 ? 'Yes' : 'No',
  region: ['North', 'South', 'East'][i % 3],
  spend: Math.round(((i * 37) % 200) + 10),
  outcome: i % 50 === 3 ? '' : (i * 7) % 10 < (i % 2 ? 5 : 3) ? 'approved' : 'declined',
  flagged: (i * 11) % 7 < 2 ? 'Yes' : 'No',
  churned: i % 60 === 5 ? '' : (i * 3) % 5 === 0 ? 'Yes' : 'No',
  score: ((i * 29) % 100) / 100,
  when: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`,
}));

function csv(rows: Person[]): string {
  const keys = Object.keys(rows[0]) as (keyof Person)[];
  return [keys.join(','), ...rows.map((r) => keys.map((k) => r[k]).join(','))].join('\n') + '\n';
}

beforeAll(async () => {
  h = await harness();
  await h.services.handlers['dataset.import']({ jobId: 'job_imp', path: h.csv('people.csv', csv(people)), name: 'people' });
  // A one-valued decision, and a many-valued text label, for the checks.
  await h.services.handlers['dataset.import']({
    jobId: 'job_imp2',
    path: h.csv('odd.csv', 'id,gender,decided,grade\n' + Array.from({ length: 40 }, (_, i) => `Q${i},${i % 2 ? 'F' : 'M'},approved,${'ABC'[i % 3]}`).join('\n') + '\n'),
    name: 'odd',
  });
}, 60_000);

afterAll(() => h?.dispose());

const rate = (rows: Person[], test: (p: Person) => boolean) => rows.filter(test).length / rows.length;

describe('audit.run data path', () => {
  it('a text decision: the later of two values is favourable by default, and the result says so', async () => {
    const r = await audit({ decision: 'outcome', protected: ['gender'], proxyColumns: [] });
    const audited = people.filter((p) => p.outcome !== '');
    expect(r.rows).toBe(audited.length);
    expect(r.excludedRows).toBe(people.length - audited.length);
    expect(r.decisionNote).toBe('"outcome" = "declined" (favourable; assistive)');
    expect(r.warnings).toContain('The favourable value of "outcome" is "declined", by default the later of the two values in character order; name another with --favorable.');
    const women = audited.filter((p) => p.gender === 'Female');
    expect(r.groups.find((g) => g.group === 'Female')!.selectionRate.value).toBe(rate(women, (p) => p.outcome === 'declined'));
  });

  it('the missing protected value is its own group, or left out and counted', async () => {
    const grouped = await audit({ decision: 'outcome', favorable: 'approved', protected: ['gender'], proxyColumns: [] });
    const audited = people.filter((p) => p.outcome !== '');
    const noGender = audited.filter((p) => p.gender === '').length;
    expect(grouped.groups.map((g) => [g.group, g.n])).toEqual([
      ['Female', audited.filter((p) => p.gender === 'Female').length],
      ['Male', audited.filter((p) => p.gender === 'Male').length],
      ['(missing)', noGender],
    ]);
    expect(grouped.warnings).toContain(`${noGender} audited rows have no value in "gender"; they form the group "(missing)" (set missing to "exclude" to leave them out).`);
    const excluded = await audit({ decision: 'outcome', favorable: 'approved', protected: ['gender'], missing: 'exclude', proxyColumns: [] });
    expect(excluded.groups.map((g) => g.group)).toEqual(['Female', 'Male']);
    expect(excluded.excludedRows).toBe(people.length - audited.length + noGender);
    expect(excluded.warnings[0]).toBe(
      `${people.length - audited.length + noGender} of ${people.length} rows were left out: ${people.length - audited.length} without a decision ("outcome"), ${noGender} without a value in a protected attribute (missing = exclude).`,
    );
  });

  it('a punitive yes/no flag: "Yes" is read as the sanction unless the favourable value is named', async () => {
    const r = await audit({ decision: 'flagged', direction: 'punitive', protected: ['senior'], proxyColumns: [] });
    expect(r.decisionNote).toBe('"flagged" = "Yes" (the sanction; punitive)');
    expect(r.warnings[0]).toContain('"flagged" = "Yes" is read as the sanction (by default the column\'s true value) and "No" as favourable');
    const seniors = people.filter((p) => p.senior === 'Yes');
    expect(r.groups.find((g) => g.group === 'Yes')!.selectionRate.value).toBe(rate(seniors, (p) => p.flagged === 'Yes'));
    const named = await audit({ decision: 'flagged', favorable: 'Yes', direction: 'punitive', protected: ['senior'], proxyColumns: [] });
    expect(named.groups.find((g) => g.group === 'Yes')!.selectionRate.value).toBe(rate(seniors, (p) => p.flagged === 'No'));
  });

  it('a score with a threshold, against a label; rows without a label left out', async () => {
    const r = await audit({ score: 'score', threshold: 0.6, label: 'churned', protected: ['age'], bins: { age: [30, 50, 65] }, proxyColumns: [] });
    const audited = people.filter((p) => p.churned !== '');
    expect(r.rows).toBe(audited.length);
    expect(r.groups.map((g) => g.group)).toEqual(['under 30', '30–49', '50–64', '65+']);
    const band = audited.filter((p) => p.age >= 30 && p.age < 50);
    const g = r.groups.find((x) => x.group === '30–49')!;
    const negatives = band.filter((p) => p.churned === 'No');
    expect([g.n, g.selectionRate.value, g.fpr?.value]).toEqual([band.length, rate(band, (p) => p.score >= 0.6), rate(negatives, (p) => p.score >= 0.6)]);
    expect(r.calibration).not.toBeNull();
    expect(r.decisionNote).toBe('"score" ≥ 0.6 (favourable; assistive) against the label "churned" = "Yes"');
  });

  it('a numeric protected attribute without bins is cut at its quartiles, and says so', async () => {
    const r = await audit({ decision: 'flagged', protected: ['age'], proxyColumns: [] });
    expect(r.groups).toHaveLength(4);
    expect(r.warnings.some((w) => w.startsWith('"age" has many values, so it was cut at its quartiles into 4 groups ('))).toBe(true);
    expect(r.groups.reduce((s, g) => s + g.n, 0)).toBe(people.length);
  });

  it('proxies: by default every other feature/category column (numbers binned); or the ones named; or none', async () => {
    const r = await audit({ decision: 'flagged', protected: ['gender'] });
    const features = [...new Set(r.proxies.map((p) => p.feature))].sort();
    expect(features).toEqual(['region', 'spend']);
    const named = await audit({ decision: 'flagged', protected: ['gender'], proxyColumns: ['senior', 'score'] });
    expect([...new Set(named.proxies.map((p) => p.feature))].sort()).toEqual(['score', 'senior']);
    const none = await audit({ decision: 'flagged', protected: ['gender'], proxyColumns: [] });
    expect(none.proxies).toEqual([]);
  });

  it('proxies: a saved segmentation, on this dataset (by row) and on another one (through the id columns)', async () => {
    await h.services.handlers['segment.run']({ jobId: 'job_seg', params: { dataset: 'people', features: ['age', 'spend'], k: 3, name: 'by age' } });
    const here = await audit({ decision: 'flagged', protected: ['senior'], proxyColumns: [] });
    const seg = here.proxies.find((p) => p.feature === 'segmentation: by age')!;
    expect(seg.attribute).toBe('senior');
    // Segments cut on age separate seniors almost perfectly.
    expect(seg.cramersV).toBeGreaterThan(0.5);

    // A second dataset with the same ids (every other person): joined through the id columns.
    const half = people.filter((_, i) => i % 2 === 0).map((p) => `${p.id},${p.senior},${p.flagged}`);
    await h.services.handlers['dataset.import']({ jobId: 'job_imp3', path: h.csv('half.csv', `id,senior,flagged\n${half.join('\n')}\n`), name: 'half' });
    const joined = await audit({ dataset: 'half', decision: 'flagged', protected: ['senior'], proxyColumns: [], proxySegmentations: ['by age'] });
    const j = joined.proxies.find((p) => p.feature === 'segmentation: by age')!;
    expect(j.cramersV).toBeGreaterThan(0.5);
    expect(joined.warnings.some((w) => w.includes('matched to segmentation "by age" through "id"'))).toBe(true);
  });

  it('refuses what cannot be audited, saying what to do', async () => {
    await expect(audit({ decision: 'region', protected: ['gender'] })).rejects.toThrow(
      'The decision column "region" is not binary: it holds 3 values ("East", "North", "South"). A decision must have exactly two values; to audit a score or a many-valued column, give it as a score with a threshold (--score region --threshold T, positive when ≥ T).',
    );
    await expect(audit({ decision: 'spend', protected: ['gender'] })).rejects.toThrow('is not binary: it holds more than two values');
    await expect(audit({ decision: 'when', protected: ['gender'] })).rejects.toThrow('The decision column "when" is a date column, not a two-valued one.');
    await expect(audit({ decision: 'flagged', label: 'region', protected: ['gender'] })).rejects.toThrow('The label column "region" is not binary');
    await expect(audit({ decision: 'flagged', favorable: 'maybe', protected: ['gender'] })).rejects.toThrow('--favorable "maybe" is not a value of the decision column "flagged". Its values: "No", "Yes".');
    await expect(audit({ decision: 'flagged', protected: ['Gender'] })).rejects.toThrow('Dataset "people" has no column "Gender" (given as the protected attribute). Did you mean "gender"?');
    await expect(audit({ decision: 'flagged', protected: ['flagged'] })).rejects.toThrow('"flagged" is both a protected attribute and the decision');
    await expect(audit({ decision: 'flagged', protected: ['id'] })).rejects.toThrow('"id" is an identifier, not a protected attribute');
    await expect(audit({ decision: 'flagged', protected: ['gender'], reference: { gender: 'Other' } })).rejects.toThrow(
      'The reference group "Other" is not a group of "gender". Its groups: "Female", "Male", "(missing)".',
    );
    await expect(audit({ decision: 'flagged', protected: ['gender'], population: { region: { North: 1 } } })).rejects.toThrow('Population shares were given for "region", which is not a protected attribute');
    await expect(audit({ decision: 'flagged', protected: ['gender'], bins: { gender: [1, 2] } })).rejects.toThrow('Bins were given for "gender", but it is a text column');
    await expect(audit({ score: 'region', threshold: 1, protected: ['gender'] })).rejects.toThrow('The score column "region" is text; a score must be numeric');
    await expect(audit({ dataset: 'odd', decision: 'decided', protected: ['gender'] })).rejects.toThrow(
      'The decision column "decided" holds only one value ("approved"), so which value is which cannot be told: name the value with --favorable.',
    );
    await expect(audit({ dataset: 'odd', decision: 'decided', favorable: 'declined', protected: ['gender'] })).rejects.toThrow('Its values: "approved".');
  });

  it('a one-valued decision with its favourable value named: everyone selected', async () => {
    const r = await audit({ dataset: 'odd', decision: 'decided', favorable: 'approved', protected: ['gender'] });
    expect(r.groups.map((g) => g.selectionRate.value)).toEqual([1, 1]);
    expect(r.summary.demographicParityDifference).toBe(0);
  });

  it('reports its phases and stops when cancelled', () => {
    const db = new Database(`${h.dir}/ws.cxw`, { readonly: true });
    try {
      const phases: string[] = [];
      runAudit(db, { dataset: 'people', decision: 'flagged', protected: ['gender'] }, { isCancelled: () => false, onProgress: (p) => phases.push(p.phase) });
      expect([...new Set(phases)]).toEqual(['load', 'prepare', 'analyze']);
      expect(() => runAudit(db, { dataset: 'people', decision: 'flagged', protected: ['gender'] }, { isCancelled: () => true, onProgress: () => undefined })).toThrow(
        expect.objectContaining({ code: 'CANCELLED' }),
      );
    } finally {
      db.close();
    }
  });
});
