using MassTransit;

namespace Cases.Handling;

/// <summary>
/// Retries in memory, backing off over about two minutes, for what clears by itself: a triage that
/// came before its report (the report-submitted message is on its way), a concurrent write to the
/// same case, a database restart. What still fails then goes to the endpoint's error queue, visible
/// and replayable, never silently dropped.
/// </summary>
public sealed class CaseConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(
            TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20),
            TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)));
    }
}
