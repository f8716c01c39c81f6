using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.ServiceDefaults;

namespace Platform.EventStore.Integrity;

/// <summary>
/// Signs a checkpoint every <c>EventStore:Integrity:CheckpointInterval</c> (default one minute)
/// when something new has committed. Instances take turns under an advisory lock, so running
/// several is harmless. Events appended after the latest checkpoint are protected by their chain
/// only until the next one: the interval bounds how long a tail deletion could go unnoticed.
/// </summary>
public sealed partial class CheckpointWriter(
    NpgsqlDataSource dataSource,
    CheckpointKeys keys,
    SchemaState schema,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<CheckpointWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("EventStore:Integrity:CheckpointInterval", TimeSpan.FromMinutes(1));
        var lastLogged = 0L;
        try
        {
            await schema.Applied.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var latest = await Checkpoints.TakeAsync(dataSource, keys, time, stoppingToken);
                    if (latest is { } checkpoint && checkpoint.Sequence != lastLogged)
                    {
                        lastLogged = checkpoint.Sequence;
                        LogCheckpoint(logger, checkpoint.Sequence, checkpoint.EventCount, checkpoint.DigestHex);
                    }
                }
                catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
                {
                    LogFailed(logger, exception.Message);
                }
                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Information, so shipped logs keep a copy of each digest outside the database: the only way to
    // tell that the newest checkpoints were deleted is to compare with a digest kept elsewhere.
    [LoggerMessage(Level = LogLevel.Information, Message = "Integrity checkpoint {Sequence}: {EventCount} events, digest {Digest}")]
    private static partial void LogCheckpoint(ILogger logger, long sequence, long eventCount, string digest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not take an integrity checkpoint, trying again later: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
