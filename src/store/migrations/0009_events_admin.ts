// Events and offers managed from the dashboard: an event the coordinator cancels stays in the table
// (bookings and members' histories name it) but is no longer offered. Only this column marks it, so a
// scheme file imported again (which rewrites an event's other fields) cannot bring it back.
export default `
ALTER TABLE events ADD COLUMN cancelled_at TEXT;
`;
