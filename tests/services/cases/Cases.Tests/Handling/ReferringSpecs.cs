using Cases.Handling.Referring;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class ReferringSpecs
{
    private static readonly Guid ReferralId = Guid.Parse("0195a1b2-0000-7000-8000-00000000f001");
    private static readonly Guid LegalAid = Guid.Parse("0195a1b2-0000-7000-8000-00000000a002");

    private static ReferralStepRecorded Step(string step) =>
        new(Guid.Empty, Guid.Empty, ReferralId, LegalAid, step, null, step == "requested" ? ["contact-details", "summary"] : null, null, Now.AddDays(1));

    [Fact]
    public void A_step_of_a_referral_the_handling_organization_made_goes_on_the_case_even_once_closed()
    {
        Spec.Given(Handled()).When(new RecordReferralStep(School, Step("requested")), RecordReferralStep.Decide)
            .Then(Step("requested") with { CaseId = CaseId, OrganizationId = School });
        Spec.Given([.. Handled(), Closed()]).When(new RecordReferralStep(School, Step("completed")), RecordReferralStep.Decide)
            .Then(Step("completed") with { CaseId = CaseId, OrganizationId = School });
    }

    [Fact]
    public void A_referral_naming_another_organizations_case_or_no_case_leaves_no_trace()
    {
        Spec.Given(Handled()).When(new RecordReferralStep(LegalAid, Step("requested")), RecordReferralStep.Decide).Then();
        Spec.Given().When(new RecordReferralStep(School, Step("requested")), RecordReferralStep.Decide).Then();
    }
}
