using Cases.Handling;
using Intake.Contracts;
using Platform.EventStore.Privacy;
using CaseOutcome = Cases.Contracts.CaseOutcome;

namespace Cases.Tests.Handling;

internal static class Examples
{
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid CaseId = Guid.Parse("0195a1b2-0000-7000-8000-00000000c001");
    public static readonly Guid ReportId = Guid.Parse("0195a1b2-0000-7000-8000-000000000001");
    public static readonly Guid School = Guid.Parse("0195a1b2-0000-7000-8000-00000000a001");
    public static readonly Guid AffectedPerson = Guid.Parse("0195a1b2-0000-7000-8000-00000000b001");
    public static readonly Guid Respondent = Guid.Parse("0195a1b2-0000-7000-8000-00000000b002");
    public static readonly Guid Worker = Guid.Parse("0195a1b2-0000-7000-8000-00000000d001");
    public static readonly Guid OtherWorker = Guid.Parse("0195a1b2-0000-7000-8000-00000000d002");
    public const string By = "riverside-school";

    public static CaseOpened Opened() =>
        new(CaseId, School, ReportId, ReportKind.Stalking, ReportSetting.School, ReportMode.Identified, null, AffectedPerson, Respondent,
            "system:cases.open-case-on-report-submitted", Now);

    public static CaseTriaged Triaged(DateTimeOffset? acknowledgeBy = null, DateTimeOffset? at = null) =>
        new(CaseId, School, ReportPriority.Urgent, [TriageRule.ImmediateDanger], acknowledgeBy ?? Now.AddHours(24), at ?? Now);

    public static CaseAcknowledged Acknowledged() => new(CaseId, School, Now.AddHours(24), false, By, Now.AddHours(1));

    public static InvestigationOpened InvestigationOpened() => new(CaseId, School, By, Now.AddDays(1));

    public static InvestigationConcluded InvestigationConcluded() =>
        new(CaseId, School, InvestigationFinding.Substantiated, Respondent, "Confirmed by two witnesses.", By, Now.AddDays(5));

    public static CaseClosed Closed() => new(CaseId, School, CaseOutcome.ActionTaken, By, Now.AddDays(6));

    public static SubjectErased Erased(Guid subject) => new(subject.ToString("D"), "data-subject-request", Now.AddDays(2));

    /// <summary>Opened, triaged and acknowledged: a case being handled.</summary>
    public static object[] Handled() => [Opened(), Triaged(), Acknowledged()];
}
