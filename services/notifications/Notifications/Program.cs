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
// A handful of statements run hundreds of times a second under load: prepared on each connection after
// their first few uses, PostgreSQL no longer parses and plans them every time.
builder.AddServiceDatabase();
builder.AddServiceBus(bus => bus.AddNotificationConsumers());
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
