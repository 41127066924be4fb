// Prediction-model slides: how well the model ranks customers on the untouched test rows (with the no-skill
// baseline beside it), which columns matter, and the cumulative gains by decile. Every figure is computed from the
// test rows (their count is the base); no slide lists customers (row-level tables are refused by disclosure control).
import type { OutputOf, SpecOf } from '../types';
import { count, decimal, num, share } from './figures';
import type { SlideKindDef } from './types';

type MOut = OutputOf<'predict.train'>;
type Def = SlideKindDef<MOut, SpecOf<'predict.train'>>;

function modelHeadline(r: MOut): string {
  const top = r.features[0];
  const gain = r.lift[2] ? ` The riskiest 30% of customers hold ${(r.lift[2].gain * 100).toFixed(0)}% of those who ${r.target} = ${r.positive}.` : '';
  return `On customers it never saw, the model ranks ${r.target} = ${r.positive} with AUC ${r.test.auc.toFixed(3)} (95% CI ${r.test.aucCi[0].toFixed(3)}–${r.test.aucCi[1].toFixed(3)}; 0.5 is guessing)${top ? `; ${top.name} matters most` : ''}.${gain}`;
}

export const modelSlides: Def[] = [
  {
    kind: 'model.performance',
    label: 'Model performance',
    byDefault: true,
    build: (r) => ({
      title: `Predicting ${r.target} = ${r.positive}`,
      headline: modelHeadline(r),
      notes: `Test rows: ${num(r.test.rows)} (${num(r.test.positives)} positive), never used for fitting, calibration or the threshold. ${r.cv ? `Cross-validated AUC on the ${num(r.trainRows)} training rows: ${r.cv.auc.toFixed(3)} (${r.cv.folds} folds).` : 'No cross-validation.'} Brier ${r.test.brier.toFixed(3)} against ${r.test.baseline.brier.toFixed(3)} for the base rate alone; expected calibration error ${r.test.ece.toFixed(3)}.`,
      body: [
        {
          type: 'figures',
          items: [
            { label: 'Test AUC', figure: { ...decimal(r.test.auc, 3), ci: r.test.aucCi }, note: 'no skill = 0.500' },
            { label: 'Precision–recall AUC', figure: decimal(r.test.prAuc, 3), note: `no skill = ${r.test.baseline.prAuc.toFixed(3)}` },
            { label: 'Test customers', figure: count(r.test.rows) },
            { label: `Flagged at ${(r.threshold.value * 100).toFixed(0)}%`, figure: share(r.threshold.test.flagged / r.test.rows, r.test.rows), note: r.threshold.test.recall === null ? undefined : `finds ${(r.threshold.test.recall * 100).toFixed(0)}% of positives` },
          ],
        },
      ],
    }),
  },
  {
    kind: 'model.importance',
    label: 'What the model relies on',
    byDefault: true,
    build: (r) => {
      const top = r.features.slice(0, 10);
      return {
        title: `What predicts ${r.target}`,
        headline: top[0] ? `${top[0].name} matters most: shuffling it costs ${top[0].importance.toFixed(3)} of test AUC.` : 'No columns.',
        notes: 'Permutation importance: the drop in test AUC when a column is shuffled among the customers (5 repeats, 95% interval).',
        body: [
          {
            type: 'chart',
            title: 'Drop in test AUC when the column is shuffled',
            chart: {
              kind: 'bar',
              orientation: 'horizontal',
              categories: top.map((f) => f.name),
              series: [{ name: 'AUC drop', values: top.map((f) => ({ ...decimal(f.importance, 3), ci: f.importanceCi })) }],
              valueAxis: 'Drop in AUC',
            },
            summary: `The ${top.length} most important columns by permutation importance; the longest bar matters most.`,
          },
        ],
      };
    },
  },
  {
    kind: 'model.gains',
    label: 'Cumulative gains',
    byDefault: false,
    build: (r) => ({
      title: `Who to contact first: ${r.target}`,
      headline: r.lift[0] ? `The riskiest 10% of customers are ${r.lift[0].lift.toFixed(1)}× as likely as average to be ${r.target} = ${r.positive}.` : '',
      notes: 'Test customers ranked by predicted probability and cut into tenths; gain = share of all positives found so far.',
      body: [
        {
          type: 'chart',
          title: 'Share of positives found, riskiest customers first',
          chart: {
            kind: 'line',
            x: r.lift.map((l) => `${l.group * 10}%`),
            series: [
              { name: 'Model', values: r.lift.map((l) => share(l.gain, r.test.rows)) },
              { name: 'Random', values: r.lift.map((l) => share(l.group / r.lift.length, r.test.rows)) },
            ],
            xAxis: 'Customers contacted (riskiest first)',
            yAxis: 'Positives found',
          },
          summary: `Cumulative gains over the ${num(r.test.rows)} test customers: the model line above the random line is what ranking buys.`,
        },
      ],
    }),
  },
];
