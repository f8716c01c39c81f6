using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Intake.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;
using Notifications;
using Notifications.Benchmarks;
using Notifications.Endpoints;
using Notifications.Signing;
using Npgsql;
using Platform.Messaging;
using Platform.Testing;
using static Platform.Testing.BenchFigures;

// ./platform bench notifications [--rate N] [--seconds N] [--warmup N]
// webhook_delivery_*: an intake event published to RabbitMQ → the signed webhook received by a partner's
// receiver on loopback, through the notifications service running as its own process. The baseline is the
// broker's own publish → consume of a ping sent alongside each event, in the same run, so a noisy machine
// shows in both. Publishing starts the clock: the forwarder publishes right after the source event commits.
var rate = Option(args, "--rate", 200);
var seconds = Option(args, "--seconds", 60);
// As the intake bench: a freshly started service is still compiling hot code for tens of seconds.
var warmup = Option(args, "--warmup", 30);
var progress = Console.Error;

await using var database = await TestDatabase.CreateAsync("bench_notifications");
await using var vhost = await TestVirtualHost.CreateAsync("bench_notifications");
await using var receiver = await Receiver.StartAsync();
var key = TestKeys.NewKeyEncryptionKey();
progress.WriteLine("bench: starting the notifications service");
await using var service = ServiceProcess.Start("notifications", RepositoryLayout.BuiltAssembly("services/notifications/Notifications", "Notifications"),
    new Dictionary<string, string>
    {
        ["ConnectionStrings__Postgres"] = database.ConnectionString,
        ["ConnectionStrings__RabbitMQ"] = vhost.AmqpUri,
        ["Auth__Authority"] = "http://127.0.0.1:9",
        ["Notifications__SecretEncryptionKey"] = key,
        ["Notifications__Webhooks__AllowInsecureLoopback"] = "true",
        ["Logging__LogLevel__Notifications"] = "Warning",
    });
if ((await service.Client.WaitForReadinessAsync()).StatusCode != System.Net.HttpStatusCode.OK)
{
    progress.WriteLine(service.Output);
    return 1;
}
var organization = Guid.NewGuid();
await SeedEndpointAsync(database.ConnectionString, key, organization, new Uri(receiver.Address, "/hooks"));

var pinged = new ConcurrentDictionary<Guid, long>();
var broker = BrokerAddress.Parse(vhost.AmqpUri);
var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
{
    rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
    {
        host.Username(broker.Username);
        host.Password(broker.Password);
        host.PublisherConfirmation = true;
    });
    rabbit.ReceiveEndpoint("bench-ping", endpoint => endpoint.Consumer(() => new PingConsumer(pinged)));
});
await bus.StartAsync();

var published = new ConcurrentDictionary<string, long>();
var pingsSent = new ConcurrentDictionary<Guid, long>();
var total = rate * (warmup + seconds);
progress.WriteLine($"bench: {rate} events/s for {warmup} s warm-up + {seconds} s measured ({total} events, each with a baseline ping)");
// Stopwatch ticks to wall-clock time (the service records wall-clock times), from one anchor.
var (anchorTicks, anchorWall) = (Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
var clock = Stopwatch.StartNew();
var inFlight = new List<Task>();
for (var i = 0; i < total; i++)
{
    var due = TimeSpan.FromSeconds(i / (double)rate);
    if (due > clock.Elapsed)
    {
        await Task.Delay(due - clock.Elapsed);
    }
    var measured = i >= rate * warmup;
    inFlight.Add(PublishOneAsync(measured));
    if (inFlight.Count >= 256)
    {
        await Task.WhenAll(inFlight);
        inFlight.Clear();
    }
}
await Task.WhenAll(inFlight);
var deadline = Stopwatch.StartNew();
while ((receiver.Arrived.Count < total || pinged.Count < total) && deadline.Elapsed < TimeSpan.FromSeconds(60))
{
    await Task.Delay(100);
}
await bus.StopAsync();

var stages = await Stages.MeasureAsync(database.ConnectionString,
    published.ToDictionary(pair => pair.Key, pair => Wall(pair.Value)),
    receiver.Arrived.ToDictionary(pair => pair.Key, pair => Wall(pair.Value)));
var webhook = Latencies(published, id => receiver.Arrived.TryGetValue(id, out var at) ? at : null);
var baseline = Latencies(pingsSent, id => pinged.TryGetValue(id, out var at) ? at : null);
var lost = published.Keys.Count(id => !receiver.Arrived.ContainsKey(id));
var webhookP99 = Percentile(webhook, 0.99);
var baselineP99 = Percentile(baseline, 0.99);
Print("events_measured", published.Count, 0);
Print("events_not_delivered", lost, 0);
Print("webhook_delivery_p50_ms", Percentile(webhook, 0.50), 2);
Print("webhook_delivery_p99_ms", webhookP99, 2);
Print("webhook_delivery_max_ms", webhook.Count == 0 ? double.NaN : webhook[^1], 2);
Print("baseline_publish_consume_p50_ms", Percentile(baseline, 0.50), 2);
Print("baseline_publish_consume_p99_ms", baselineP99, 2);
Print("webhook_delivery_p99_ratio_to_baseline", webhookP99 / baselineP99, 2);
// Where the time went (the service's own records of each event's first attempt), to find a tail's cause.
Print("stage_published_to_recorded_p50_ms", Percentile(stages.PublishedToRecorded, 0.50), 2);
Print("stage_published_to_recorded_p99_ms", Percentile(stages.PublishedToRecorded, 0.99), 2);
Print("stage_recorded_to_sent_p50_ms", Percentile(stages.RecordedToSent, 0.50), 2);
Print("stage_recorded_to_sent_p99_ms", Percentile(stages.RecordedToSent, 0.99), 2);
Print("stage_sent_to_received_p50_ms", Percentile(stages.SentToReceived, 0.50), 2);
Print("stage_sent_to_received_p99_ms", Percentile(stages.SentToReceived, 0.99), 2);
Print("events_retried", stages.Retried, 0);
Console.WriteLine("goals:");
Goal($"webhook_delivery_p99_ms = {webhookP99:F2} (goal <= 100, no event lost)", webhookP99 <= 100 && lost == 0);
return 0;

async Task PublishOneAsync(bool measured)
{
    var id = NewId.NextGuid();
    var ping = Guid.NewGuid();
    var started = Stopwatch.GetTimestamp();
    var message = new ReportSubmitted(Guid.NewGuid(), organization, null, ReportKind.Other, ReportSetting.Online, ReportMode.Anonymous, DateTimeOffset.UtcNow);
    await Task.WhenAll(
        bus.Publish(message, context => context.MessageId = id),
        bus.Publish(new BenchPing(ping)));
    if (measured)
    {
        published[id.ToString()] = started;
        pingsSent[ping] = started;
    }
}

DateTimeOffset Wall(long ticks) => anchorWall + Stopwatch.GetElapsedTime(anchorTicks, ticks);

static List<double> Latencies<TKey>(ConcurrentDictionary<TKey, long> sent, Func<TKey, long?> arrived) where TKey : notnull =>
    [.. sent.Select(pair => arrived(pair.Key) is { } at ? Stopwatch.GetElapsedTime(pair.Value, at).TotalMilliseconds : (double?)null)
        .OfType<double>().Order()];

// The endpoint as registration writes it (the API needs a token from identity, which this bench does not run).
static async Task SeedEndpointAsync(string connectionString, string key, Guid organization, Uri url)
{
    var protector = new SecretProtector(Options.Create(new NotificationsOptions { SecretEncryptionKey = key }));
    var (endpointId, secretId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.ExecuteAsync("""
        insert into endpoints (id, organization_id, url, event_types, status, created_at, updated_at)
        values (@endpointId, @organization, @url, array['intake.report-submitted.v1'], 'active', now(), now());
        insert into endpoint_secrets (id, endpoint_id, sealed, created_at) values (@secretId, @endpointId, @sealed, now());
        """, new { endpointId, organization, url = url.AbsoluteUri, secretId, @sealed = protector.Seal(endpointId, secretId, WebhookSecret.New()) });
}
