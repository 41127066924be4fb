// The planning calculator: customers per arm for a minimum detectable effect, or the effect a number of customers
// detects (two equal arms, two-sided test; the services' experiment.plan, as statsmodels NormalIndPower).
import { useEffect, useState } from 'react';
import { Group, NumberInput, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { PlanResult, PlanSpec } from '../../../../shared/monitor-experiment';
import { describeError } from '../../../lib/errors';
import { useClient } from '../../../state/bridge';

export function PlanCalculator() {
  const client = useClient();
  const [kind, setKind] = useState<'binary' | 'mean'>('binary');
  const [solve, setSolve] = useState<'n' | 'mde'>('n');
  const [baseline, setBaseline] = useState<number | string>(10);
  const [sd, setSd] = useState<number | string>(20);
  const [mde, setMde] = useState<number | string>(2);
  const [n, setN] = useState<number | string>(2000);
  const [alpha, setAlpha] = useState<number | string>(0.05);
  const [power, setPower] = useState<number | string>(0.8);
  const [out, setOut] = useState<{ plan: PlanResult | null; error: string | null }>({ plan: null, error: null });

  useEffect(() => {
    const spec: PlanSpec = {
      kind,
      ...(kind === 'binary' ? { baseline: Number(baseline) / 100 } : { sd: Number(sd) }),
      ...(solve === 'n' ? { mde: kind === 'binary' ? Number(mde) / 100 : Number(mde) } : { n: Number(n) }),
      alpha: Number(alpha),
      power: Number(power),
    };
    let live = true;
    const t = setTimeout(() => {
      client.invoke('experiment.plan', { spec }).then(
        (plan) => live && setOut({ plan, error: null }),
        (err) => live && setOut({ plan: null, error: describeError(err).message }),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [client, kind, solve, baseline, sd, mde, n, alpha, power]);

  return (
    <Paper withBorder radius="md" p="lg" role="region" aria-label="Planning calculator">
      <Title order={3} size="h5">
        Planning calculator
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Two equal arms, two-sided test. Sample size for an effect, or the effect a sample size can detect.
      </Text>
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap">
          <SegmentedControl aria-label="Outcome type" value={kind} onChange={(v) => setKind(v as 'binary' | 'mean')} data={[{ value: 'binary', label: 'Rate' }, { value: 'mean', label: 'Mean' }]} />
          <SegmentedControl aria-label="Solve for" value={solve} onChange={(v) => setSolve(v as 'n' | 'mde')} data={[{ value: 'n', label: 'Sample size' }, { value: 'mde', label: 'Detectable effect' }]} />
        </Group>
        <Group gap="sm" wrap="wrap" align="flex-end">
          {kind === 'binary' ? (
            <NumberInput w={150} label="Control rate (%)" value={baseline} onChange={setBaseline} min={0.01} max={99.99} decimalScale={2} />
          ) : (
            <NumberInput w={150} label="Standard deviation" value={sd} onChange={setSd} min={0} decimalScale={4} />
          )}
          {solve === 'n' ? (
            <NumberInput w={170} label={kind === 'binary' ? 'Effect (points)' : 'Effect (units)'} value={mde} onChange={setMde} decimalScale={4} />
          ) : (
            <NumberInput w={170} label="Customers per arm" value={n} onChange={setN} min={2} thousandSeparator="," allowDecimal={false} />
          )}
          <NumberInput w={110} label="Alpha" value={alpha} onChange={setAlpha} min={0.001} max={0.2} step={0.01} decimalScale={3} />
          <NumberInput w={110} label="Power" value={power} onChange={setPower} min={0.5} max={0.99} step={0.05} decimalScale={2} />
        </Group>
        <Text size="md" fw={600} aria-live="polite" data-testid="plan-answer">
          {out.error ?? out.plan?.sentence ?? ' '}
        </Text>
      </Stack>
    </Paper>
  );
}
