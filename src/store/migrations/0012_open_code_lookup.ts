// Indexes that keep a message's read the same size however many requests and bookings pile up:
// candidate codes of open requests looked up by code alone (any partner; see core/requests.ts
// codesToCheck), and bookings by offer (places taken) and by partner (REDEEM at the door).
export default `
CREATE INDEX ledger_open_code_lookup ON ledger_entries(code, partner_id) WHERE status = 'pending' AND code IS NOT NULL;
CREATE INDEX bookings_offer ON bookings(offer_id, status);
CREATE INDEX bookings_partner ON bookings(partner_id, status);
`;
