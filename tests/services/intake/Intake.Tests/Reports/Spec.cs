using Intake.Reports;
using Platform.EventStore.Types;

namespace Intake.Tests.Reports;

/// <summary>Given events, when a command is decided, then these events (compared as stored JSON) or this violation.</summary>
internal static class Spec
{
    public static GivenHistory Given(params object[] history) => new(history);
}

internal sealed class GivenHistory(object[] history)
{
    public Decision When<TCommand>(TCommand command, Func<TCommand, Report, IReadOnlyList<object>> decide) =>
        new(() => decide(command, Report.Fold(history)));
}

internal sealed class Decision(Func<IReadOnlyList<object>> decide)
{
    public void Then(params object[] expected) => Stored(decide()).ShouldBe(Stored(expected));

    public ReportRuleViolationException ThenFails(RuleViolationKind kind)
    {
        var violation = Should.Throw<ReportRuleViolationException>(() => decide());
        violation.Kind.ShouldBe(kind);
        return violation;
    }

    private static List<string> Stored(IEnumerable<object> events) =>
        [.. events.Select(e => $"{e.GetType().Name} {EventTypeRegistry.Serialize(e)}")];
}
