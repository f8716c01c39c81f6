using Cases.Handling;
using Cases.Handling.RecordingEvidence;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class RecordingEvidenceSpecs
{
    private static readonly Guid EvidenceId = Guid.Parse("0195a1b2-0000-7000-8000-00000000f002");

    [Fact]
    public void A_reference_to_evidence_held_elsewhere_is_recorded() =>
        Spec.Given(Handled()).When(new RecordEvidence(CaseId, EvidenceId, EvidenceKind.Screenshot, "dms://case-files/4411", "Messages of 2 March", By, Now), RecordEvidence.Decide)
            .Then(new EvidenceRecorded(CaseId, School, EvidenceId, EvidenceKind.Screenshot, AffectedPerson, "dms://case-files/4411", "Messages of 2 March", By, Now));

    [Fact]
    public void Evidence_needs_a_reference() =>
        Spec.Given(Handled()).When(new RecordEvidence(CaseId, EvidenceId, EvidenceKind.Photo, " ", null, By, Now), RecordEvidence.Decide)
            .ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void Cannot_record_evidence_on_a_closed_case() =>
        Spec.Given([.. Handled(), Closed()]).When(new RecordEvidence(CaseId, EvidenceId, EvidenceKind.Photo, "locker 12", null, By, Now), RecordEvidence.Decide)
            .ThenFails(RuleViolationKind.Conflict);
}
