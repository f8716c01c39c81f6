using Microsoft.Extensions.Configuration;
using Npgsql;
using Platform.Audit;
using Platform.EventStore.Integrity;
using Platform.EventStore.Privacy;
using Spectre.Console;

// `./platform audit <verify|checkpoint|rewrap> <service>` runs this with the service's database and
// keys in the environment (the same settings the service reads); tests pass --connection.
// Exit codes: 0 intact (or done), 1 tampering found, 2 could not run.
if (Console.IsOutputRedirected)
{
    // Logs and pipes get whole lines: a table row per break, not one wrapped at 80 columns.
    AnsiConsole.Profile.Width = 240;
    AnsiConsole.Profile.Capabilities.Ansi = false;
}
var (command, options) = AuditArguments.Parse(args);
if (command is null)
{
    AnsiConsole.WriteLine(AuditArguments.Usage);
    return 2;
}

var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables()
    .AddInMemoryCollection(options)
    .Build();
var connectionString = configuration.GetConnectionString("Postgres");
if (string.IsNullOrWhiteSpace(connectionString))
{
    AnsiConsole.MarkupLine("[red]No database given:[/] pass --connection or set ConnectionStrings__Postgres.");
    return 2;
}

try
{
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    using var keys = CheckpointKeys.FromConfiguration(configuration.GetSection("EventStore:Integrity"));
    var database = new NpgsqlConnectionStringBuilder(connectionString).Database ?? "(default)";
    switch (command)
    {
        case "verify":
            var report = await VerifyCommand.RunAsync(dataSource, keys, configuration["stream"]);
            VerifyCommand.Print(database, report, keys);
            return report.Intact ? 0 : 1;
        case "checkpoint":
            var checkpoint = await Checkpoints.TakeAsync(dataSource, keys, TimeProvider.System);
            AnsiConsole.MarkupLine(checkpoint is null
                ? "Nothing committed yet: no checkpoint taken."
                : $"Checkpoint [bold]{checkpoint.Sequence}[/] of {database.EscapeMarkup()}: {checkpoint.EventCount:N0} events, digest [bold]{checkpoint.DigestHex}[/]");
            return 0;
        case "rewrap":
            var ring = MasterKeyRing.FromConfiguration(configuration.GetSection("EventStore:MasterKeys"));
            var rewrapped = await new SubjectKeys(dataSource, ring).RewrapAsync();
            AnsiConsole.MarkupLine($"Rewrapped {rewrapped:N0} data keys of {database.EscapeMarkup()} with master key [bold]{ring.CurrentKeyId.EscapeMarkup()}[/]; no event was touched.");
            return 0;
        default:
            AnsiConsole.WriteLine(AuditArguments.Usage);
            return 2;
    }
}
catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.UndefinedTable)
{
    AnsiConsole.MarkupLine("[red]This database has no event store yet[/] (the service has not started on it with its store).");
    return 2;
}
catch (Exception error) when (error is NpgsqlException or InvalidOperationException or MasterKeyException or TimeoutException)
{
    AnsiConsole.MarkupLine($"[red]Could not {command}:[/] {error.Message.EscapeMarkup()}");
    return 2;
}
