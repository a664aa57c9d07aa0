// Brings jest-dom's matchers (toBeInTheDocument, ...) into the typecheck of the test files.
import '@testing-library/jest-dom';
