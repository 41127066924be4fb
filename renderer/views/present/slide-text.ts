// A text slide's body as the analyst writes it in one box: paragraphs split by blank lines, lines starting with
// "- " (or "• ", "* ") are bullets. textOf and bodyOfText are inverse for text written this way.
import type { Slide } from '../../../shared/decks';

export function textOf(slide: Slide): string {
  const block = slide.body.find((b) => b.type === 'text');
  if (!block || block.type !== 'text') return '';
  return [...block.paragraphs, ...(block.bullets ?? []).map((b) => `- ${b}`)].join('\n\n');
}

const BULLET = /^[-•*]\s+/;

export function bodyOfText(text: string): Slide['body'] {
  const paragraphs: string[] = [];
  const bullets: string[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const prose: string[] = [];
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (BULLET.test(line)) bullets.push(line.replace(BULLET, ''));
      else prose.push(line);
    }
    if (prose.length) paragraphs.push(prose.join(' '));
  }
  return [{ type: 'text', paragraphs, bullets }];
}
