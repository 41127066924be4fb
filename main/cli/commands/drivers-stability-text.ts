// `cxw drivers --compare-with` for people: the weights of both waves side by side with their intervals, the
// difference with its interval and a mark where it excludes 0, then the sentence (which changed, the top order).
import type { DriversStability } from '../../../shared/nps';
import { table } from '../format';

const int = (n: number) => n.toLocaleString('en-US');
const w = (x: number) => x.toFixed(4);
const ci = (c: [number, number]) => `${w(c[0])}–${w(c[1])}`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(4)}`;

export function formatStability(s: DriversStability): string[] {
  const level = `${Math.round(100 * s.level)}%`;
  return [
    `Stability: "${s.current}" (n = ${int(s.currentN)}) compared with "${s.reference}" (n = ${int(s.referenceN)}, R² ${s.referenceR2.toFixed(4)}); raw weights, ${level} intervals.`,
    `Difference = current − reference; its interval: ${s.method}, ${int(s.pairs)} pairs.`,
    table(
      ['driver', s.reference, `${level} CI`, s.current, `${level} CI`, 'difference', `${level} CI`, 'changed'],
      s.drivers.map((d) => [d.name, w(d.reference.weight), ci(d.reference.ci), w(d.current.weight), ci(d.current.ci), signed(d.difference), `${signed(d.differenceCi[0])}–${signed(d.differenceCi[1])}`, d.changed ? 'yes' : '—']),
    ),
    s.sentence,
  ];
}
