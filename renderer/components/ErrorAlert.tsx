// An error as a human message: what happened, where in the file, what to try. Never only a code.
import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { describeError } from '../lib/errors';

export function ErrorAlert({ error, title, onClose }: { error: unknown; title?: string; onClose?: () => void }) {
  if (!error) return null;
  const h = describeError(error);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={title ?? h.title}
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      closeButtonLabel="Dismiss error"
      role="alert"
    >
      <Text size="sm">{h.message}</Text>
      {h.location && (
        <Text size="sm" mt={4} className="cxw-location">
          Where: {h.location}
        </Text>
      )}
      {h.hint && (
        <Text size="sm" mt={4} c="dimmed">
          {h.hint}
        </Text>
      )}
    </Alert>
  );
}
