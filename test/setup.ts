// Shared test set-up: quiet, deterministic defaults.
process.env.DEMO_DATA = '0';
