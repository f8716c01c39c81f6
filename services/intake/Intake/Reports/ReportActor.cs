namespace Intake.Reports;

/// <summary>Who asks for a decision on a report, as authenticated by the endpoint.</summary>
public abstract record ReportActor
{
    /// <summary>What events record as the actor: never anything that could identify an anonymous reporter.</summary>
    public abstract string Name { get; }
}

/// <summary>A partner organization's system, by its OAuth client.</summary>
public sealed record OrganizationActor(Guid OrganizationId, string ClientId) : ReportActor
{
    public override string Name => ClientId;
}

/// <summary>Whoever holds the report key and passphrase of a report submitted through the anonymous public route.</summary>
public sealed record AnonymousReporter : ReportActor
{
    public const string ActorName = "anonymous-reporter";

    public static readonly AnonymousReporter Instance = new();

    private AnonymousReporter()
    {
    }

    public override string Name => ActorName;
}
