using Platform.EventStore;
using Platform.EventStore.SubscriberProcess;
using Platform.EventStore.Subscriptions;
using Platform.ServiceDefaults;

// One process competing for the "takeover" subscription. Each event it handles is recorded with
// this process's label, in the transaction that moves the checkpoint: exactly once, or a duplicate counted.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDatabase();
builder.AddEventStore(types => types.Register<ThingHappened>("tests.thing-happened.v1"))
    .AddSubscription<RecordingHandler>(new SubscriptionOptions("takeover") { BatchSize = 20 });
builder.Build().Run();
