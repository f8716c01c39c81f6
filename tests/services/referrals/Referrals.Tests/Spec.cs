using Platform.EventStore.Types;

namespace Referrals.Tests;

/// <summary>Given events, when a command is decided, then these events (compared as stored JSON) or this violation.</summary>
internal static class Spec
{
    public static GivenHistory<TState> Given<TState>(Func<IEnumerable<object>, TState> fold, params object[] history) => new(fold(history));
}

internal sealed class GivenHistory<TState>(TState state)
{
    public Decision When<TCommand>(TCommand command, Func<TCommand, TState, IReadOnlyList<object>> decide) =>
        new(() => decide(command, state));
}

internal sealed class Decision(Func<IReadOnlyList<object>> decide)
{
    public void Then(params object[] expected) => Stored(decide()).ShouldBe(Stored(expected));

    public ReferralRuleViolationException ThenFails(RuleViolationKind kind, string? saying = null)
    {
        var violation = Should.Throw<ReferralRuleViolationException>(() => decide());
        violation.Kind.ShouldBe(kind);
        if (saying is not null)
        {
            violation.Message.ShouldContain(saying);
        }
        return violation;
    }

    public static List<string> Stored(IEnumerable<object> events) =>
        [.. events.Select(e => $"{e.GetType().Name} {EventTypeRegistry.Serialize(e)}")];
}
