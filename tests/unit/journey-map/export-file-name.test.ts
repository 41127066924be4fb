// The journey map's HTML export file name (main/workspace/journeys/html-export.ts journeyMapFileName): the words
// "journey map" once, whatever the map is called. Expected names written by hand.
import { describe, expect, it } from 'vitest';
import { journeyMapFileName } from '../../../main/workspace/journeys/html-export';

describe('journeyMapFileName', () => {
  it('adds "journey map" only when the name does not already end with it', () => {
    expect(journeyMapFileName('Checkout workshop')).toBe('Checkout workshop journey map.html');
    expect(journeyMapFileName('Demo journey events journey map')).toBe('Demo journey events journey map.html');
    expect(journeyMapFileName('Olist Journey Map')).toBe('Olist Journey Map.html');
    expect(journeyMapFileName('olist_journey-map')).toBe('olist_journey-map.html');
    expect(journeyMapFileName('Journey map')).toBe('Journey map.html');
  });
  it('keeps other uses of the words, and cleans characters no file system accepts', () => {
    expect(journeyMapFileName('Journey map review')).toBe('Journey map review journey map.html');
    expect(journeyMapFileName('Q1/Q2: journey map')).toBe('Q1_Q2_ journey map.html');
    expect(journeyMapFileName('  ')).toBe('journey map.html');
  });
});
