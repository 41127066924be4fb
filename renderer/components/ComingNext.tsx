// An honest placeholder for a view that is not built yet: what it will do, and what it needs from the data.
import { Badge, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';

interface Props {
  icon: Icon;
  title: string;
  summary: string;
  capabilities: string[];
  needs: string;
}

export function ComingNext({ icon: IconComponent, title, summary, capabilities, needs }: Props) {
  return (
    <div className="cxw-page">
      <Card withBorder radius="md" padding="xl" maw={760} className="cxw-coming">
        <Stack gap="md">
          <Group gap="sm">
            <ThemeIcon variant="light" size={40} radius="md">
              <IconComponent size={22} stroke={1.6} />
            </ThemeIcon>
            <div>
              <Group gap="xs">
                <Title order={2} size="h3">
                  {title}
                </Title>
                <Badge variant="outline" color="gray" size="sm">
                  Coming next
                </Badge>
              </Group>
              <Text c="dimmed" size="sm">
                {summary}
              </Text>
            </div>
          </Group>
          <Text size="sm">
            This view is not built yet. Nothing here is sample output; when it ships it will let you:
          </Text>
          <List size="sm" spacing={6} className="cxw-coming-list">
            {capabilities.map((c) => (
              <List.Item key={c}>{c}</List.Item>
            ))}
          </List>
          <Text size="sm" c="dimmed">
            <Text span fw={600} c="var(--mantine-color-text)">
              Prepare now:{' '}
            </Text>
            {needs}
          </Text>
        </Stack>
      </Card>
    </div>
  );
}
