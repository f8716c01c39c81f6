using System.Diagnostics;
using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.Messaging.Forwarding;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Messaging.Tests;

public class ForwardingSpecs(ITestOutputHelper output)
{
    // Stands in for ASP.NET Core's request span: the append happens inside it.
    private static readonly ActivitySource Requests = new("Platform.Messaging.Tests");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Message_id_is_the_event_id_and_the_trace_continues(bool forwarderSpansRecorded)
    {
        // Services record MassTransit's spans (ServiceDefaults); without a listener MassTransit starts
        // no span and propagates no trace. The trace must reach the consumer whether or not anyone
        // records the forwarder's own spans.
        using var listener = Listen(forwarderSpansRecorded
            ? ["MassTransit", Requests.Name, EventForwarder.Telemetry.Name]
            : ["MassTransit", Requests.Name]);
        await using var database = await TestDatabase.CreateAsync("messaging_forwarding");
        await using var broker = await TestVirtualHost.CreateAsync("messaging_forwarding");
        await using var host = await ForwarderHost.StartAsync(database.ConnectionString, broker.AmqpUri, output);

        var widgetId = Guid.CreateVersion7();
        var counted = new EventToAppend(Guid.CreateVersion7(), new WidgetCounted(widgetId, 4, "alice", DateTimeOffset.UtcNow));
        var inspected = new EventToAppend(Guid.CreateVersion7(), new WidgetInspected(widgetId, "fine", "alice", DateTimeOffset.UtcNow));
        var correlationId = Guid.CreateVersion7();
        ActivityTraceId requestTrace;
        using (var request = Requests.StartActivity("POST /api/widgets", ActivityKind.Server))
        {
            requestTrace = request!.TraceId;
            await host.Store.AppendAsync(Widgets.StreamId(widgetId), ExpectedVersion.NoStream, [counted, inspected],
                EventMetadata.For(new Actor("client-1", "org-7", null), correlationId.ToString(), DateTimeOffset.UtcNow));
        }
        var stored = (await host.Store.ReadStreamAsync(Widgets.StreamId(widgetId)))[0];
        var storedTrace = ActivityContext.Parse(stored.Metadata.Traceparent!, traceState: null).TraceId;

        var missing = await host.Received.WaitForAsync([counted.EventId], TimeSpan.FromSeconds(60));

        missing.ShouldBeEmpty();
        storedTrace.ShouldBe(requestTrace);
        var delivery = host.Received.FirstOf(counted.EventId)!;
        delivery.MessageId.ShouldBe(counted.EventId);
        delivery.ConsumerTraceId.ShouldBe(storedTrace);
        ActivityContext.Parse(delivery.ActivityIdHeader!, traceState: null).TraceId.ShouldBe(storedTrace);
        delivery.Message.ShouldBe(new Contracts.WidgetCounted(widgetId, 4, ((WidgetCounted)counted.Data).CountedAt));
        delivery.CorrelationId.ShouldBe(correlationId);
        delivery.CorrelationHeader.ShouldBe(correlationId.ToString());
        delivery.EventTypeHeader.ShouldBe("widgets.widget-counted.v1");
        delivery.OrganizationHeader.ShouldBe("org-7");
        host.Received.FirstOf(inspected.EventId).ShouldBeNull();
    }

    private static ActivityListener Listen(string[] sources)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
