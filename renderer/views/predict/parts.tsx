// Pieces the Predict result tabs share: a tab's section under its heading, a card, and the note shown where a saved
// model is needed but the result is no longer saved.
import type { ReactNode } from 'react';
import { Paper, Text, Title } from '@mantine/core';

/** A tab's content under its own heading. */
export function Panel({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="cxw-pred-panel" aria-label={title}>
      <div className="cxw-pred-panel-head">
        <Title order={3} className="cxw-pred-h3">
          {title}
        </Title>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Card({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <Paper withBorder radius="md" p="lg" className="cxw-pred-card" role={label ? 'group' : undefined} aria-label={label}>
      {children}
    </Paper>
  );
}

/** Shown where a saved model is needed (scoring, explaining, reviewing, auditing) but the result is no longer saved. */
export function NotSaved({ what }: { what: string }) {
  return (
    <Text c="dimmed" size="md">
      This model is no longer saved in the workspace, so it cannot {what}. Train it again (Run again on the left) to use it.
    </Text>
  );
}
