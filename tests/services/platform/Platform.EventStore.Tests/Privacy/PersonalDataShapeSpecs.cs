using Platform.EventStore.Privacy;
using Platform.EventStore.Types;

namespace Platform.EventStore.Tests.Privacy;

public sealed class PersonalDataShapeSpecs
{
    private readonly PersonalDataCodec codec = new(EventTypeRegistry.SerializerOptions);

    [Fact]
    public void A_personal_field_of_a_non_nullable_value_type_is_refused_naming_the_type_and_property()
    {
        var thrown = Should.Throw<InvalidOperationException>(() => codec.HasPersonalData(typeof(NonNullableValuePersonalData)));

        thrown.Message.ShouldContain("NonNullableValuePersonalData.Age");
    }

    [Fact]
    public void A_personal_field_without_a_subject_is_refused_naming_the_type_and_property()
    {
        Should.Throw<InvalidOperationException>(() => codec.HasPersonalData(typeof(PersonalDataWithoutSubject)))
            .Message.ShouldContain("PersonalDataWithoutSubject.Name");
        Should.Throw<InvalidOperationException>(() => codec.PlanSeal(new SubjectlessNesting(Guid.NewGuid(), new ContactDetails("a@b.c", null, "email"))))
            .Message.ShouldContain("ContactDetails.Email");
    }

    [Fact]
    public void A_personal_field_takes_the_subject_of_an_enclosing_object()
    {
        codec.HasPersonalData(typeof(ReportSubmitted)).ShouldBeTrue();
        codec.HasPersonalData(typeof(PersonInvolved)).ShouldBeTrue();
    }

    [Fact]
    public void Types_without_personal_data_anywhere_have_no_shape()
    {
        codec.HasPersonalData(typeof(CaseClosed)).ShouldBeFalse();
        codec.HasPersonalData(typeof(Address)).ShouldBeFalse();
        codec.HasPersonalData(typeof(ThingRenamed)).ShouldBeFalse();
    }

    [Fact]
    public void A_subject_that_is_not_a_guid_or_string_is_refused()
    {
        Should.Throw<InvalidOperationException>(() => codec.HasPersonalData(typeof(NumberedSubject)))
            .Message.ShouldContain("NumberedSubject.Number");
    }

    [Fact]
    public void Recursive_types_are_walked_when_they_hold_no_personal_data_and_refused_when_they_do()
    {
        codec.HasPersonalData(typeof(ReplyChain)).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => codec.HasPersonalData(typeof(PersonalThread)))
            .Message.ShouldContain("PersonalThread");
    }

    public sealed record NumberedSubject([property: DataSubject] int Number, [property: PersonalData] string Name);

    public sealed record ReplyChain(Guid Id, ReplyChain? Reply);

    public sealed record PersonalThread([property: DataSubject] Guid AuthorId, [property: PersonalData] string Text, PersonalThread? Reply);
}
