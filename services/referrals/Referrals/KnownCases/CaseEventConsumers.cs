using MassTransit;
using Referrals.Consents.Erasing;

namespace Referrals.KnownCases;

/// <summary>
/// What referrals takes from cases (<c>Cases.Contracts</c>): which organization each case is, and
/// when a case's data subject is erased. Each consumer retries in memory, backing off over a couple
/// of minutes, what clears by itself (a concurrent write to the same consent or referral, a database
/// restart); what still fails goes to its error queue, visible and replayable, never dropped.
/// </summary>
public static class CaseEventConsumers
{
    public static IBusRegistrationConfigurator AddCaseEventConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<RecordCaseOnCaseOpened>(Retrying);
        bus.AddConsumer<EndSharingOnCaseSubjectErased>(Retrying);
        return bus;
    }

    private static void Retrying<TConsumer>(IRegistrationContext context, IConsumerConfigurator<TConsumer> consumer) where TConsumer : class =>
        consumer.UseMessageRetry(retry => retry.Exponential(12, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100)));
}
