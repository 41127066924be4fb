// One trained model: the headline (what is predicted, from what, on how many rows) and tabs — Performance,
// Calibration, Lift & gains, Explanations, Customers (the review queue and one customer explained), Score (a dataset
// scored into a new one), Drift (the model on a new wave), Fairness (the model's audit) and the Model card. Everything shown comes from the
// PredictResult; scoring, explaining, reviewing and auditing call the saved model by its name.
import { Tabs, Text, Title } from '@mantine/core';
import { IconActivityHeartbeat, IconChartLine, IconFileDescription, IconListCheck, IconScale, IconSparkles, IconTarget, IconTargetArrow, IconTrendingUp } from '@tabler/icons-react';
import type { PredictResult } from '../../../shared/predict';
import type { SavedResultRef } from '../../../shared/results';
import { ChartDataTable } from '../../components/chart-table/ChartDataTable';
import { gainsTable, importanceTable } from '../../charts/predict-tables';
import { DependenceChart, GainsChart, ImportanceChart, ReliabilityChart } from './charts';
import { CustomersPanel } from './CustomersPanel';
import { DriftPanel } from './DriftPanel';
import { FairnessPanel } from './FairnessPanel';
import { ModelCard } from './ModelCard';
import { Card, Panel } from './parts';
import { PerformancePanel } from './PerformancePanel';
import { ScorePanel } from './ScorePanel';
import { describeModel, direction, labelWords } from './results';

export type PredictTab = 'performance' | 'calibration' | 'lift' | 'explanations' | 'customers' | 'score' | 'drift' | 'fairness' | 'card';

type Result = PredictResult & { saved?: SavedResultRef };

export function ResultView({ result, tab, onTab }: { result: Result; tab: PredictTab; onTab: (tab: PredictTab) => void }) {
  const name = result.spec.dataset;
  const model = result.saved?.name ?? null;
  return (
    <div className="cxw-pred-result">
      <Title order={2} className="cxw-pred-title">
        Model of {direction(result)} in “{name}”
      </Title>
      <Text c="dimmed" size="md" mt={2}>
        {describeModel(result)}
      </Text>
      {result.eventLabel && (
        <Text size="sm" mt={4} className="cxw-pred-prose">
          {labelWords(result)}
        </Text>
      )}

      <Tabs value={tab} onChange={(v) => v && onTab(v as PredictTab)} keepMounted={false} className="cxw-pred-tabs">
        <Tabs.List>
          <Tabs.Tab value="performance" leftSection={<IconTarget size={16} />}>
            Performance
          </Tabs.Tab>
          <Tabs.Tab value="calibration" leftSection={<IconChartLine size={16} />}>
            Calibration
          </Tabs.Tab>
          <Tabs.Tab value="lift" leftSection={<IconTrendingUp size={16} />}>
            Lift & gains
          </Tabs.Tab>
          <Tabs.Tab value="explanations" leftSection={<IconSparkles size={16} />}>
            Explanations
          </Tabs.Tab>
          <Tabs.Tab value="customers" leftSection={<IconListCheck size={16} />}>
            Customers
          </Tabs.Tab>
          <Tabs.Tab value="score" leftSection={<IconTargetArrow size={16} />}>
            Score
          </Tabs.Tab>
          <Tabs.Tab value="drift" leftSection={<IconActivityHeartbeat size={16} />}>
            Drift
          </Tabs.Tab>
          <Tabs.Tab value="fairness" leftSection={<IconScale size={16} />}>
            Fairness
          </Tabs.Tab>
          <Tabs.Tab value="card" leftSection={<IconFileDescription size={16} />}>
            Model card
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="performance" pt="lg">
          <PerformancePanel result={result} />
        </Tabs.Panel>
        <Tabs.Panel value="calibration" pt="lg">
          <Panel title="Can the probabilities be taken at face value?">
            <Text size="sm" c="dimmed" className="cxw-pred-prose">
              {result.cv
                ? 'The probabilities were calibrated with Platt scaling on the out-of-fold predictions of the cross-validation (training rows only); here they are checked on the test rows.'
                : 'With one fold there are no out-of-fold predictions to calibrate on: these are the model’s raw probabilities, checked on the test rows.'}{' '}
              Expected calibration error: <b>{(result.test.ece * 100).toFixed(1)} points</b> (ECE {result.test.ece.toFixed(3)}).
            </Text>
            <Card>
              <ReliabilityChart points={result.reliability} ece={result.test.ece} name={name} />
            </Card>
          </Panel>
        </Tabs.Panel>
        <Tabs.Panel value="lift" pt="lg">
          <Panel title="How much better than contacting customers at random">
            <Card>
              <GainsChart lift={result.lift} name={name} />
            </Card>
            <Card>
              <Text fw={650} size="lg" mb="xs">
                By tenth of the test customers, highest risk first
              </Text>
              <ChartDataTable table={gainsTable(result.lift)} caption="Lift and gains by decile" maxHeight={520} />
            </Card>
          </Panel>
        </Tabs.Panel>
        <Tabs.Panel value="explanations" pt="lg">
          <Panel title="What the model relies on">
            <Card>
              <ImportanceChart features={result.features} name={name} />
            </Card>
            <Card>
              <Text fw={650} size="lg" mb="xs">
                Importance of each column
              </Text>
              <ChartDataTable table={importanceTable(result.features)} caption="Permutation importance and mean contribution" />
            </Card>
            {result.partialDependence.length > 0 && (
              <>
                <Text size="sm" c="dimmed" className="cxw-pred-prose">
                  Partial dependence of the {result.partialDependence.length === 1 ? 'most important column' : `${result.partialDependence.length} most important columns`}: each test
                  customer’s value set to each point in turn, everything else kept, and the predicted probabilities averaged. It shows what the model does,
                  not what would happen if the customer changed.
                </Text>
                <div className="cxw-pred-grid">
                  {result.partialDependence.map((pd) => (
                    <Card key={pd.feature}>
                      <DependenceChart pd={pd} name={name} />
                    </Card>
                  ))}
                </div>
              </>
            )}
          </Panel>
        </Tabs.Panel>
        <Tabs.Panel value="customers" pt="lg">
          <CustomersPanel result={result} model={model} />
        </Tabs.Panel>
        <Tabs.Panel value="score" pt="lg">
          <ScorePanel result={result} model={model} />
        </Tabs.Panel>
        <Tabs.Panel value="drift" pt="lg">
          <DriftPanel result={result} model={model} />
        </Tabs.Panel>
        <Tabs.Panel value="fairness" pt="lg">
          <FairnessPanel result={result} model={model} />
        </Tabs.Panel>
        <Tabs.Panel value="card" pt="lg">
          <ModelCard result={result} model={model} />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
