// One browser test class at a time: each starts a server and drives Chromium, and on 2 cores side by side they would
// make detection timing and page refreshes uneven.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
