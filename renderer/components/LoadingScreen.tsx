import { Center, Loader } from '@mantine/core';

export function LoadingScreen({ label = 'Loading workspace…' }: { label?: string }) {
  return (
    <Center h="60vh" role="status" aria-label={label}>
      <Loader size="sm" />
    </Center>
  );
}
