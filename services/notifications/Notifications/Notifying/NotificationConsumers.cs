using MassTransit;

namespace Notifications.Notifying;

/// <summary>The consumers of other services' integration events, each on its own queue, consuming in batches.</summary>
public static class NotificationConsumers
{
    // A batch closes when full or this long after its first message: the most a lone message waits. At a
    // steady rate batches are small, so several are recorded at once (a statement each) or the queue
    // would grow until they were big; a backlog is taken BatchSize at a time.
    private const int BatchSize = 64;
    private const int BatchesAtOnce = 8;
    private static readonly TimeSpan BatchTimeLimit = TimeSpan.FromMilliseconds(2);

    public static void AddNotificationConsumers(this IBusRegistrationConfigurator bus)
    {
        Add<NotifyOnReportSubmitted>(bus);
        Add<NotifyOnReportTriaged>(bus);
        Add<NotifyOnUrgentReportRaised>(bus);
        Add<NotifyOnReportWithdrawn>(bus);
        Add<NotifyOnMessagePosted>(bus);
        Add<NotifyOnCaseOpened>(bus);
        Add<NotifyOnCaseAcknowledged>(bus);
        Add<NotifyOnCaseWorkerAssigned>(bus);
        Add<NotifyOnCaseEscalated>(bus);
        Add<NotifyOnCaseClosed>(bus);
        Add<NotifyOnCaseReopened>(bus);
        Add<NotifyOnReferralRequested>(bus);
        Add<NotifyOnReferralStatusChanged>(bus);
        Add<NotifyOnReferralOverdue>(bus);
        Add<NotifyOnReferralRerouted>(bus);
        Add<NotifyOnReferralAccessEnded>(bus);
        bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
        {
            // A database hiccup must not send a notification to the error queue: retry it, then let the broker redeliver.
            endpoint.UseMessageRetry(retry => retry.Exponential(20, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)));
            // Enough messages in hand to fill the batches.
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.PrefetchCount = BatchSize * BatchesAtOnce;
            }
            endpoint.ConcurrentMessageLimit = BatchSize * BatchesAtOnce;
        });
    }

    private static void Add<TConsumer>(IBusRegistrationConfigurator bus) where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>((_, consumer) => consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(BatchSize).SetConcurrencyLimit(BatchesAtOnce).SetTimeLimit(BatchTimeLimit)));
}
