using Cases.Handling;
using Platform.EventStore.Types;

namespace Cases.Tests.Handling;

/// <summary>Given events, when a command is decided, then these events (compared as stored JSON) or this violation.</summary>
internal static class Spec
{
    public static GivenHistory Given(params object[] history) => new(history);
}

internal sealed class GivenHistory(object[] history)
{
    public Decision When<TCommand>(TCommand command, Func<TCommand, CaseState, IReadOnlyList<object>> decide) =>
        new(() => decide(command, CaseState.Fold(history)));
}

internal sealed class Decision(Func<IReadOnlyList<object>> decide)
{
    public void Then(params object[] expected) => Stored(decide()).ShouldBe(Stored(expected));

    public CaseRuleViolationException ThenFails(RuleViolationKind kind)
    {
        var violation = Should.Throw<CaseRuleViolationException>(() => decide());
        violation.Kind.ShouldBe(kind);
        return violation;
    }

    private static List<string> Stored(IEnumerable<object> events) =>
        [.. events.Select(e => $"{e.GetType().Name} {EventTypeRegistry.Serialize(e)}")];
}
