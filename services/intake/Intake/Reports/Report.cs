using System.Text.Json.Serialization;
using Platform.EventStore.Privacy;

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

    /// <summary>Everyone the report involves, by the data subject id each was given at submission.</summary>
    public IReadOnlyList<Guid> People { get; init; } = [];

    /// <summary>The people whose data has been erased (their <c>SubjectErased</c> is on the stream): no one is erased twice.</summary>
    public IReadOnlyList<Guid> ErasedPeople { get; init; } = [];

    /// <summary>Events this state does not depend on (triage, messages) leave it as it is.</summary>
    public static Report Evolve(Report state, object @event) => @event switch
    {
        ReportSubmitted submitted => state with
        {
            Id = submitted.ReportId,
            Status = ReportStatus.Submitted,
            ReceivingOrganizationId = submitted.ReceivingOrganizationId,
            SubmittingOrganizationId = submitted.SubmittingOrganizationId,
            ReporterId = submitted.People.Single(person => person.Roles.Contains(PersonRole.Reporter)).PersonId,
            People = [.. submitted.People.Select(person => person.PersonId)],
        },
        AnonymousAccessGranted => state with { HasAnonymousAccess = true },
        ReportWithdrawn => state with { Status = ReportStatus.Withdrawn },
        SubjectErased erased when Guid.TryParse(erased.SubjectId, out var personId) => state with { ErasedPeople = [.. state.ErasedPeople, personId] },
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
