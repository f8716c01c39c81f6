using Platform.EventStore.Benchmarks;

// ./platform bench eventstore [--lag-seconds N] [--rebuild-events N] ...: see BenchOptions.
var options = BenchOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}
return await BenchRun.RunAsync(options);
