// The deck export benchmark's entry (bundled by tests/bench/deck-export-bench.mjs): the exporters and the fixture.
export { exportDeck } from '../../main/export/deck/index';
export { repeatedDeck } from '../fixtures/decks/sample-deck';
