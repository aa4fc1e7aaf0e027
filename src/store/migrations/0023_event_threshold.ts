// Events that go ahead only with enough people: at `decide_by` the tick job counts the places booked
// and either calls the event off (fewer than `min_places`: cancelled, holds released, everyone told)
// or tells the partner and the people booked that it is on. `decided` records which, once.
export default `
ALTER TABLE events ADD COLUMN min_places INTEGER CHECK (min_places IS NULL OR min_places > 0);
ALTER TABLE events ADD COLUMN decide_by TEXT;
ALTER TABLE events ADD COLUMN decided TEXT CHECK (decided IS NULL OR decided IN ('on', 'off'));
CREATE INDEX events_decide ON events(decide_by) WHERE decide_by IS NOT NULL AND decided IS NULL;
`;
