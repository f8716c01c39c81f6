using System.Text.Json.Serialization;

namespace Intake.Reports;

[JsonConverter(typeof(JsonStringEnumConverter<ReportStatus>))]
public enum ReportStatus
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("submitted")] Submitted,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
}

/// <summary>What the report's decisions need to know, folded from its stream. Nothing personal.</summary>
public sealed record Report(
    Guid Id,
    ReportStatus Status,
    Guid ReceivingOrganizationId,
    Guid? SubmittingOrganizationId,
    Guid ReporterId,
    bool HasAnonymousAccess)
{
    public static readonly Report Initial = new(Guid.Empty, ReportStatus.None, Guid.Empty, null, Guid.Empty, false);

    /// <summary>Events this state does not depend on (triage, messages, a subject's erasure) leave it as it is.</summary>
    public static Report Evolve(Report state, object @event) => @event switch
    {
        ReportSubmitted submitted => state with
        {
            Id = submitted.ReportId,
            Status = ReportStatus.Submitted,
            ReceivingOrganizationId = submitted.ReceivingOrganizationId,
            SubmittingOrganizationId = submitted.SubmittingOrganizationId,
            ReporterId = submitted.People.Single(person => person.Roles.Contains(PersonRole.Reporter)).PersonId,
        },
        AnonymousAccessGranted => state with { HasAnonymousAccess = true },
        ReportWithdrawn => state with { Status = ReportStatus.Withdrawn },
        _ => state,
    };

    /// <summary>The anonymous reporter of a report with anonymous access, or the organization that submitted it.</summary>
    public bool IsReportersSide(ReportActor actor) => actor switch
    {
        AnonymousReporter => HasAnonymousAccess,
        OrganizationActor organization => organization.OrganizationId == SubmittingOrganizationId,
        _ => false,
    };

    /// <summary>An organization that received the report and handles it.</summary>
    public bool IsHandler(ReportActor actor) => actor is OrganizationActor organization && organization.OrganizationId == ReceivingOrganizationId;

    public static Report Fold(IEnumerable<object> events) => events.Aggregate(Initial, Evolve);
}
