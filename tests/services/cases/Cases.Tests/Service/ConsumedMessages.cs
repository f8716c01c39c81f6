using MassTransit;

namespace Cases.Tests.Service;

/// <summary>Counts messages the service's consumers finished (or failed) by message id, so a spec waits for exactly the deliveries it sent.</summary>
internal sealed class ConsumedMessages : IConsumeObserver
{
    private readonly List<Guid> consumed = [];

    public int Count(Guid messageId)
    {
        lock (consumed)
        {
            return consumed.Count(id => id == messageId);
        }
    }

    public async Task WaitForAsync(Guid messageId, int times)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Count(messageId) < times)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"message {messageId} was not consumed {times} times");
            await Task.Delay(50);
        }
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        lock (consumed)
        {
            consumed.Add(context.MessageId ?? Guid.Empty);
        }
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
