// **report-rss** — preloaded into a child (node --import) to print its peak resident set size on exit, for memory tests.
process.on('exit', () => process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`));
