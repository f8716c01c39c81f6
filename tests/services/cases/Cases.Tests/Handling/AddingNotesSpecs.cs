using Cases.Handling;
using Cases.Handling.AddingNotes;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class AddingNotesSpecs
{
    private static readonly Guid NoteId = Guid.Parse("0195a1b2-0000-7000-8000-00000000f001");

    [Fact]
    public void A_note_about_the_affected_person_is_theirs() =>
        Spec.Given(Handled()).When(new AddNote(CaseId, NoteId, CaseSubject.AffectedPerson, " Called her back. ", By, Now), AddNote.Decide)
            .Then(new NoteAdded(CaseId, School, NoteId, AffectedPerson, "Called her back.", By, Now));

    [Fact]
    public void A_note_about_the_respondent_is_theirs() =>
        Spec.Given(Handled()).When(new AddNote(CaseId, NoteId, CaseSubject.Respondent, "Denies it.", By, Now), AddNote.Decide)
            .Then(new NoteAdded(CaseId, School, NoteId, Respondent, "Denies it.", By, Now));

    [Fact]
    public void A_note_cannot_be_empty() =>
        Spec.Given(Handled()).When(new AddNote(CaseId, NoteId, CaseSubject.AffectedPerson, "  ", By, Now), AddNote.Decide).ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void A_note_is_limited_to_10000_characters() =>
        Spec.Given(Handled()).When(new AddNote(CaseId, NoteId, CaseSubject.AffectedPerson, new string('x', 10_001), By, Now), AddNote.Decide)
            .ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void Nothing_more_is_noted_about_an_erased_person_but_the_other_can_still_be() =>
        Spec.Given([.. Handled(), Erased(AffectedPerson)])
            .When(new AddNote(CaseId, NoteId, CaseSubject.AffectedPerson, "More.", By, Now), AddNote.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void The_other_subject_of_a_case_with_an_erased_person_can_still_be_noted() =>
        Spec.Given([.. Handled(), Erased(AffectedPerson)])
            .When(new AddNote(CaseId, NoteId, CaseSubject.Respondent, "Denies it.", By, Now), AddNote.Decide)
            .Then(new NoteAdded(CaseId, School, NoteId, Respondent, "Denies it.", By, Now));

    [Fact]
    public void Cannot_note_a_case_that_does_not_exist() =>
        Spec.Given().When(new AddNote(CaseId, NoteId, CaseSubject.AffectedPerson, "Note.", By, Now), AddNote.Decide).ThenFails(RuleViolationKind.NotFound);
}
