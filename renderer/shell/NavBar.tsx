// Left navigation. Views that are not built yet say so ("Next") rather than pretending.
import { Badge, NavLink, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { VIEWS, type ViewKey } from './views';

interface Props {
  active: ViewKey;
  onNavigate: (view: ViewKey) => void;
}

export function NavBar({ active, onNavigate }: Props) {
  return (
    <Stack justify="space-between" h="100%" p="xs" gap={0}>
      <nav aria-label="Main">
        <Stack gap={2}>
          {VIEWS.map((v) => {
            const Icon = v.icon;
            return (
              <NavLink
                key={v.key}
                component="button"
                label={v.label}
                leftSection={<Icon size={18} stroke={1.7} />}
                rightSection={
                  v.ready ? null : (
                    <Badge size="xs" variant="default" className="cxw-soon" aria-hidden="true">
                      Next
                    </Badge>
                  )
                }
                active={active === v.key}
                aria-current={active === v.key ? 'page' : undefined}
                onClick={() => onNavigate(v.key)}
                className="cxw-navlink"
              />
            );
          })}
        </Stack>
      </nav>
      <div className="cxw-offline-note">
        <IconLock size={14} aria-hidden="true" />
        <Text size="xs" c="dimmed" lh={1.35}>
          Offline. Customer data stays on this device.
        </Text>
      </div>
    </Stack>
  );
}
