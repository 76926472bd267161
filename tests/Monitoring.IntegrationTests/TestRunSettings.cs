// Every test class that starts a server runs alone: on a 2-core machine parallel servers make detection timing
// and broker delivery compete for the CPU, and in-process hosts share process-wide singletons (Quartz's scheduler
// repository, console logging). The whole project stays well under four minutes run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
