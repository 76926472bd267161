// Test classes run one at a time: on a 2-core machine servers running side by side compete for the CPU, which
// makes detection timing and broker delivery uneven. One at a time the whole project still takes a few minutes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
