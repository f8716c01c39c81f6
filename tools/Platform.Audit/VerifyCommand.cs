using System.Globalization;
using Npgsql;
using Platform.EventStore.Integrity;
using Spectre.Console;

namespace Platform.Audit;

internal static class VerifyCommand
{
    public static async Task<VerificationReport> RunAsync(NpgsqlDataSource dataSource, CheckpointKeys keys, string? stream)
    {
        if (stream is not null)
        {
            return await IntegrityVerifier.VerifyStreamAsync(dataSource, keys, stream);
        }
        // A bar that fills as events are checked; it only draws on an interactive terminal.
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Verifying events", maxValue: 1);
                var report = await IntegrityVerifier.VerifyAsync(dataSource, keys, new Progress<VerificationProgress>(progress =>
                {
                    task.MaxValue = Math.Max(progress.EventsTotal, 1);
                    task.Value = progress.EventsChecked;
                    task.Description = $"Verifying events ({progress.EventsPerSecond:N0}/s)";
                }));
                task.Value = task.MaxValue;
                return report;
            });
    }

    public static void Print(string database, VerificationReport report, CheckpointKeys keys)
    {
        var summary = new Table().Title($"Integrity of [bold]{database.EscapeMarkup()}[/]").AddColumns("", "");
        summary.HideHeaders();
        summary.AddRow("Streams", report.StreamsChecked.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Events", report.EventsChecked.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Checkpoints", report.LatestCheckpoint is { } latest
            ? $"{report.CheckpointsChecked:N0}; latest {latest.Sequence} covers {latest.EventCount:N0} events, signed {latest.CreatedAt:u} by key {latest.KeyId}, digest {latest.DigestHex}"
            : "none yet: deleting the end of a stream, or a whole stream, cannot be detected until one is taken");
        summary.AddRow("Trusted keys", keys.TrustedKeyIds.Count == 0 ? "none configured" : string.Join(", ", keys.TrustedKeyIds));
        summary.AddRow("Time", $"{report.Elapsed.TotalSeconds:F2} s ({report.EventsChecked / Math.Max(report.Elapsed.TotalSeconds, 0.001):N0} events/s)");
        summary.AddRow("Result", report.Intact ? "[green]INTACT[/]" : $"[red]BROKEN: {report.Breaks.Count} problem(s)[/]");
        AnsiConsole.Write(summary);

        if (!report.Intact)
        {
            var breaks = new Table().Title("[red]Where the history was changed[/]").AddColumns("Stream", "Version", "Problem");
            foreach (var broken in report.Breaks)
            {
                breaks.AddRow(broken.StreamId.EscapeMarkup(), broken.Version.ToString(CultureInfo.InvariantCulture), broken.Reason.EscapeMarkup());
            }
            AnsiConsole.Write(breaks);
        }
    }
}
