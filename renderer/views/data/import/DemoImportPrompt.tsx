// Asked before an import into the built-in demo workspace: real data belongs in a workspace of the analyst's own
// (a .cxw file they choose), not beside the synthetic customers in the app's state folder. Creating one switches
// the open workspace, and the wizard then continues there; "anyway" imports into the demo as asked.
import { Button, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFilePlus, IconSparkles } from '@tabler/icons-react';

interface Props {
  onCreate: () => void;
  onImportAnyway: () => void;
}

export function DemoImportPrompt({ onCreate, onImportAnyway }: Props) {
  return (
    <Stack gap="md" py="xs" role="group" aria-label="Demo workspace">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color="grape" size={40} radius="xl">
          <IconSparkles size={22} stroke={1.6} />
        </ThemeIcon>
        <Stack gap={6}>
          <Title order={4}>You are in the demo workspace. Create a workspace of your own for real data?</Title>
          <Text size="sm" c="dimmed">
            The demo holds synthetic customers and lives in the app&apos;s state folder. A workspace of your own is one .cxw
            file in a folder you choose, which you can back up, share with colleagues or delete as a whole.
          </Text>
        </Stack>
      </Group>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onImportAnyway}>
          Import into demo anyway
        </Button>
        <Button leftSection={<IconFilePlus size={17} />} onClick={onCreate} data-autofocus>
          Create workspace…
        </Button>
      </Group>
    </Stack>
  );
}
