// Imported first by business-metrics.test.ts: the integration env turns the metrics' EMF output
// off (test/support/env.ts), and Powertools reads the switch when functions/_lib/metrics.ts loads.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
