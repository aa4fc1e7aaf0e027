// An offer the coordinator stopped offering: the bot no longer suggests or books it, while codes
// already held for it stay valid until redeemed or cancelled. NULL = on offer.
export default `
ALTER TABLE offers ADD COLUMN withdrawn_at TEXT;
`;
