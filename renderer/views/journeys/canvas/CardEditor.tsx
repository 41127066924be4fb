// Writing a card in place: Enter keeps it (Shift+Enter for a new line), Escape drops the change, leaving the
// editor keeps it too (and leaves the focus where it went). Emotion cards also take the curve's value on the map's scale. A measured card says up
// front that an edit makes it assumed.
import { useRef, useState } from 'react';
import { Button, Group, NumberInput, Text, Textarea } from '@mantine/core';
import type { JourneyLane } from '../../../../shared/journeys';

interface Props {
  lane: JourneyLane;
  scale: [number, number];
  initialText: string;
  initialValue?: number;
  measured: boolean;
  label: string;
  /** value: undefined = unchanged, null = removed. leftByFocus: kept because the focus left the editor (Tab, a click). */
  onDone: (text: string, value: number | null | undefined, leftByFocus: boolean) => void;
  onCancel: () => void;
}

export function CardEditor({ lane, scale, initialText, initialValue, measured, label, onDone, onCancel }: Props) {
  const [text, setText] = useState(initialText);
  const [value, setValue] = useState<number | string>(initialValue ?? '');
  const finished = useRef(false);
  const isEmotion = lane === 'emotions';

  const done = (leftByFocus = false) => {
    if (finished.current) return;
    finished.current = true;
    const v = typeof value === 'number' ? Math.min(scale[1], Math.max(scale[0], value)) : null;
    const valueChange = !isEmotion ? undefined : v === (initialValue ?? null) ? undefined : v;
    onDone(text.trim(), valueChange, leftByFocus);
  };
  const cancel = () => {
    if (finished.current) return;
    finished.current = true;
    onCancel();
  };

  return (
    <div
      className="cxw-map-editor"
      role="group"
      aria-label={label}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) done(true);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          cancel();
        }
      }}
    >
      <Textarea
        aria-label="Card text"
        value={text}
        autosize
        minRows={2}
        maxRows={10}
        maxLength={4000}
        data-autofocus
        autoFocus
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            done();
          }
        }}
        classNames={{ input: 'cxw-map-editor-input' }}
      />
      {isEmotion && (
        <NumberInput
          mt={6}
          size="sm"
          label={`Curve value (${scale[0]}–${scale[1]})`}
          aria-label="Emotion value"
          value={value}
          onChange={setValue}
          min={scale[0]}
          max={scale[1]}
          step={0.5}
          decimalScale={2}
          placeholder="none"
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              done();
            }
          }}
        />
      )}
      {measured && (
        <Text size="xs" c="dimmed" mt={6}>
          Changing a measured card makes it assumed (its n is kept as “edited from measured”).
        </Text>
      )}
      <Group gap={6} mt={8} justify="flex-end">
        <Button size="xs" variant="default" onMouseDown={(e) => e.preventDefault()} onClick={cancel}>
          Cancel
        </Button>
        <Button size="xs" onMouseDown={(e) => e.preventDefault()} onClick={() => done()}>
          Done
        </Button>
      </Group>
    </div>
  );
}
