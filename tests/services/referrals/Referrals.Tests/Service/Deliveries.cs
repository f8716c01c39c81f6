using System.Collections.Concurrent;
using MassTransit;

namespace Referrals.Tests.Service;

/// <summary>
/// The messages of type <typeparamref name="T"/> the service's consumers have finished, by message id
/// and by the id they are about, so a spec waits for exactly the deliveries it published (a
/// redelivery included) before looking at what they did.
/// </summary>
internal sealed class Deliveries<T> : IConsumeMessageObserver<T> where T : class
{
    private readonly ConcurrentDictionary<Guid, int> finished = new();

    public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<T> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        finished.AddOrUpdate(context.MessageId ?? Guid.Empty, 1, (_, count) => count + 1);
        if (AboutOf(context.Message) is { } about)
        {
            finished.AddOrUpdate(about, 1, (_, count) => count + 1);
        }
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<T> context, Exception exception) => Task.CompletedTask;

    /// <summary>Waits until <paramref name="id"/> (a message id, or the case a message is about) was consumed <paramref name="times"/> times.</summary>
    public Task WaitForAsync(Guid id, int times) =>
        ReferralsFactory.EventuallyAsync(() => Task.FromResult(finished.GetValueOrDefault(id) >= times), $"{typeof(T).Name} {id} was not consumed {times} times");

    private static Guid? AboutOf(T message) => message switch
    {
        Cases.Contracts.CaseOpened opened => opened.CaseId,
        Cases.Contracts.CaseSubjectErased erased => erased.CaseId,
        _ => null,
    };
}
