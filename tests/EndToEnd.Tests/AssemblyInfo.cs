// Each spec class runs a whole platform (six processes). One at a time keeps a two-core machine
// responsive for the other test assemblies running beside them, whose timing specs need it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
