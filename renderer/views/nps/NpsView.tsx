import { IconGauge } from '@tabler/icons-react';
import { ComingNext } from '../../components/ComingNext';

export function NpsView() {
  return (
    <ComingNext
      icon={IconGauge}
      title="NPS and drivers"
      summary="Measure Net Promoter Score honestly and find what drives it."
      capabilities={[
        'NPS with promoters, passives and detractors, the 0–10 distribution and an adjusted-Wald confidence interval; every figure shows its n.',
        'Compare NPS by segment, stage, channel or period with a two-group test and a minimum-n guard.',
        'Check for measurement bias: NPS collected with an employee present, in a different channel or at a different moment.',
        'Rank key drivers by relative importance with bootstrap intervals, and plot importance against performance.',
      ]}
      needs="mark your 0–10 recommendation column as Satisfaction / NPS and the candidate drivers as Features."
    />
  );
}
