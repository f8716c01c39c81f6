using Npgsql;
using Platform.ServiceDefaults;

namespace Notifications.Delivering;

/// <summary>LISTENs for deliveries recorded by other instances and wakes this one's worker.</summary>
public sealed class DeliveryListener(NpgsqlDataSource dataSource, DeliverySignal signal, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) =>
                {
                    if (notification.Payload != signal.Instance)
                    {
                        signal.Wake();
                    }
                };
                await using (var listen = new NpgsqlCommand($"listen {DeliverySignal.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                delay = TimeSpan.FromMilliseconds(250);
                // Anything recorded while not listening is found by the worker's next look.
                signal.Wake();
                try
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(stoppingToken);
                    }
                }
                finally
                {
                    await SessionState.EndAsync(connection);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                await Task.Delay(delay, time, stoppingToken);
                delay = Backoff.Next(delay, TimeSpan.FromSeconds(10));
            }
        }
    }
}
