import { IconScale } from '@tabler/icons-react';
import { ComingNext } from '../../components/ComingNext';

export function AuditView() {
  return (
    <ComingNext
      icon={IconScale}
      title="Fairness audit"
      summary="Audit a decision or score for bias across protected groups, with plain-language verdicts."
      capabilities={[
        'Per group: n, base and selection rates, TPR, FPR, FNR, PPV and more, each with a Wilson interval; undefined rates shown as undefined.',
        'Disparities against a reference group: demographic parity, equal opportunity, equalised odds and the four-fifths rule, with significance tests.',
        'Proxy check: how strongly each feature or segment is associated with a protected attribute.',
        'Representation check against a reference population, and guidance on which metric matters for your decision.',
      ]}
      needs="mark the Decision (or Score), the Outcome / label if you have ground truth, and the Protected attribute columns."
    />
  );
}
