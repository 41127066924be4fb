// First-run state of a workspace: what to do next, in one button.
import { Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFileImport, IconTableImport } from '@tabler/icons-react';

export function EmptyData({ onImport }: { onImport: () => void }) {
  return (
    <div className="cxw-empty">
      <Stack align="center" gap="sm" maw={460}>
        <ThemeIcon variant="light" size={48} radius="xl">
          <IconTableImport size={26} stroke={1.6} />
        </ThemeIcon>
        <Title order={3}>No datasets yet</Title>
        <Text c="dimmed" ta="center" size="sm">
          Import a CSV or TSV export from your CRM, survey tool or ticketing system. You will review column types, roles
          and personal data before anything is written.
        </Text>
        <Button leftSection={<IconFileImport size={18} />} onClick={onImport} mt="xs">
          Import data
        </Button>
      </Stack>
    </div>
  );
}
