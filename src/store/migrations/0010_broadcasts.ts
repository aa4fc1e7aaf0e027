// Broadcasts from the dashboard.
export default `
SELECT 1;
`;
