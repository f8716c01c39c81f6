using MassTransit;
using Notifications;
using Notifications.Delivering;
using Notifications.Endpoints;
using Notifications.Notifying;
using Notifications.Safety;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddServiceDatabase();
builder.AddServiceBus(bus =>
{
    bus.AddConsumer<NotifyOnReportSubmitted>();
    bus.AddConsumer<NotifyOnReportTriaged>();
    bus.AddConsumer<NotifyOnUrgentReportRaised>();
    bus.AddConsumer<NotifyOnReportWithdrawn>();
    bus.AddConsumer<NotifyOnMessagePosted>();
    // A database hiccup must not send a notification to the error queue: retry it, then let the broker redeliver.
    bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
    {
        endpoint.UseMessageRetry(retry => retry.Exponential(20, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)));
        // Each message is one short transaction: more in flight than the 2 × cores default keeps up with bursts.
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = 32;
        }
        endpoint.ConcurrentMessageLimit = 16;
    });
});
builder.AddNotificationsSchema();
builder.Services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section)
    .Validate(options => options.Delivery.RetryWindow > TimeSpan.Zero && options.Delivery.Lease > options.Webhooks.RequestTimeout,
        "Notifications:Delivery:Lease must outlast Notifications:Webhooks:RequestTimeout, or a slow call could be sent twice at once.")
    .ValidateOnStart();
builder.Services.AddSingleton<SecretProtector>();
builder.Services.AddSingleton<IHostResolver, DnsHostResolver>();
builder.Services.AddSingleton<WebhookTargets>();
builder.Services.AddSingleton<WebhookSender>();
builder.Services.AddSingleton<DeliverySignal>();
builder.Services.AddSingleton<DeliveryStore>();
builder.Services.AddSingleton<NotificationRecorder>();
builder.Services.AddHostedService<DeliveryListener>();
builder.Services.AddHostedService<DeliveryWorker>();
builder.Services.AddResourceOwners<EndpointOwners>();

var app = builder.Build();
// Fail at start-up, not at the first registration, when the secret key is missing.
app.Services.GetRequiredService<SecretProtector>();
app.UseServiceDefaults();
app.MapServiceRoot("/api/notifications", Scopes.Notifications);
app.MapNotificationsApi();

app.Run();
