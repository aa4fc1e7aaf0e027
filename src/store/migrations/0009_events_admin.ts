// Events and offers managed from the dashboard.
export default `
SELECT 1;
`;
