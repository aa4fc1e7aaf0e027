// Placeholder: filled in by the work on issue 13.
export default `
-- nothing yet
SELECT 1;
`;
